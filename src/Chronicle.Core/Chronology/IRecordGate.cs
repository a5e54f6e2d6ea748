using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

/// <summary>
/// The writer's access, asked by <see cref="ChronologyService"/> for every id a write names: the subjects, every
/// id declared in the details (<see cref="References"/>) and the entry a correction corrects. An id the writer may
/// not see is refused in the very words a missing one gets, so a write can neither reach a hidden record nor tell
/// whether it exists. The web app's gate answers for the signed-in user; without one (replay, the background
/// sweep, observers) nothing is hidden.
/// </summary>
public interface IRecordGate
{
    /// <summary>Those of these references that the writer may not name: they are refused as if they did not exist.</summary>
    Task<IReadOnlySet<Guid>> HiddenAsync(IReadOnlyCollection<Reference> references, CancellationToken ct);

    /// <summary>
    /// Called in the entry's transaction before a household-change "joined" takes effect: true to let the person join
    /// the household now; false when joining would widen access to a child beyond what the writer may grant, in which
    /// case the gate has recorded a proposal for the child's lead (written with the entry) and the membership waits.
    /// </summary>
    Task<bool> MayJoinHouseholdAsync(ChronologyEntry entry, HouseholdChange change, Guid householdId, CancellationToken ct);

    /// <summary>
    /// Why the writer may not record these details as this recorder, if they may not: a plan started or ended, or the
    /// case closed, by someone outside children's social care; a supervision neither given nor received by the recorder,
    /// or not a manager's of the worker; an absence of someone the recorder does not manage; a case's closure other than
    /// through its service (<paramref name="byItsService"/>), which asks about what is still open
    /// (<see cref="Casework.StatutoryWork"/>). Without a signed-in writer (replay, the sweep, observers) nothing is refused.
    /// </summary>
    Task<Validation.FieldError?> RefusedAsync(EntryDetails details, Record.Professional recorder, bool byItsService, CancellationToken ct) => Task.FromResult<Validation.FieldError?>(null);

    /// <summary>
    /// Whether the writer may allocate these people's case to this professional: a decision naming whom it allocates to
    /// puts them in each child's team, which is granting access, and needs the authority to grant it (the front door
    /// while the contact waits, the child's lead, the lead's manager). Without a signed-in writer, yes.
    /// </summary>
    Task<bool> MayAllocateAsync(Guid professionalId, IReadOnlyCollection<Guid> subjects, CancellationToken ct) => Task.FromResult(true);
}
