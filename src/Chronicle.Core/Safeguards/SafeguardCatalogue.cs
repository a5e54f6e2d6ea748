namespace Chronicle.Core.Safeguards;

/// <summary>Every safeguard Chronicle runs: each class in this assembly that implements <see cref="ISafeguard"/>.</summary>
public static class SafeguardCatalogue
{
    public static IReadOnlyList<ISafeguard> All { get; } = [.. typeof(ISafeguard).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISafeguard).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ISafeguard)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Id, StringComparer.Ordinal)];

    public static ISafeguard? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}
