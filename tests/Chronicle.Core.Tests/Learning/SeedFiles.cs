using Chronicle.Testing;

namespace Chronicle.Core.Tests.Learning;

/// <summary>The seed learning documents in shared/seeds.</summary>
internal static class SeedFiles
{
    public const string BabyR = "000_9d0370fb483dd210.txt";
    public const string FamilyL = "001_0b0af10d9d3f9a29.txt";
    public const string FamilyS22 = "002_3cd9565218645f4f.txt";
    public const string Emily = "003_94151bc4743da5b9.txt";
    public const string ChildBF = "004_74f6bd7529b317a6.txt";

    public static IReadOnlyList<string> All { get; } = [BabyR, FamilyL, FamilyS22, Emily, ChildBF];

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(RepositoryFiles.SeedsFolder, fileName));
}
