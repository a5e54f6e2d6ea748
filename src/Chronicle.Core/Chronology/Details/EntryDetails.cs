using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

/// <summary>The structured part of a chronology entry. Each kind has its own record; see <see cref="EntryKinds"/>.</summary>
public abstract record EntryDetails
{
    /// <summary>Rules across fields that the JSON shape alone cannot state.</summary>
    public virtual void Validate(Problems problems) { }
}

/// <summary>Something someone must do, by when.</summary>
public sealed record ActionItem
{
    public required string Description { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? OwnerProfessionalId { get; init; }
    public DateOnly? Due { get; init; }

    public void Validate(Problems problems)
    {
        problems.Required("description", Description, "Enter what the action is");
    }
}
