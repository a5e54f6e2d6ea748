using System.Reflection;
using Chronicle.Core.Learning.Import;

namespace Chronicle.Core.Learning;

/// <summary>
/// The learning documents Chronicle ships with: the five seed reviews, unchanged. They are the first entries of the
/// recurrence library and the demo partnership's reviews.
/// </summary>
public static class SeedLibrary
{
    public sealed record Document(string File, string Text, ImportedBrief Brief);

    private static readonly Lazy<IReadOnlyList<Document>> Loaded = new(Load);

    public static IReadOnlyList<Document> All => Loaded.Value;

    private static IReadOnlyList<Document> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("library/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                var text = reader.ReadToEnd();
                return new Document(n["library/".Length..], text, BriefImporter.Parse(text));
            })];
    }
}
