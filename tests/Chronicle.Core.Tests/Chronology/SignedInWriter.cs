using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// A signed-in writer's view, as the web app's record gate gives it to the chronology: these people are hidden from
/// them, and nothing else is refused. Without a gate, the chronology writes as a replay does.
/// </summary>
internal sealed class SignedInWriter(IReadOnlySet<Guid> hidden) : IRecordGate
{
    public SignedInWriter() : this(new HashSet<Guid>()) { }

    public Task<IReadOnlySet<Guid>> HiddenAsync(IReadOnlyCollection<Reference> references, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>>(references.Select(r => r.Id).Where(hidden.Contains).ToHashSet());

    public Task<bool> MayJoinHouseholdAsync(ChronologyEntry entry, HouseholdChange change, Guid householdId, CancellationToken ct) => Task.FromResult(true);
}
