using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Actions;

public enum ActionStatus
{
    Open,
    Done,
    /// <summary>Passed to another service, which now holds it (for example at closure).</summary>
    HandedOn,
    /// <summary>No longer asked for: its plan ended, or a correction of its entry removed it.</summary>
    Withdrawn,
}

/// <summary>
/// An action from a medical, a strategy discussion, a meeting, a plan or a supervision, tracked until it is done:
/// the entry and item it comes from, who owns it and by when. Baby R: "if professionals don't know about actions
/// they can't complete them".
/// </summary>
public sealed class TrackedAction
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid SourceEntryId { get; set; }
    /// <summary>The source entry's kind code, for example "cp-medical".</summary>
    public required string SourceKind { get; set; }
    /// <summary>Which action (or plan item) of the source entry, from 0.</summary>
    public int ItemIndex { get; set; }
    /// <summary>
    /// The children the action is about: every child its entry is about (a family meeting's action is each named
    /// child's), or, for an entry about adults only, their children (<see cref="Family.ChildrenAboutAsync"/>). Never a
    /// sibling the entry does not name. In the order the entry names them (by name, then id).
    /// </summary>
    public List<ActionChild> Children { get; set; } = [];
    public required string Description { get; set; }
    /// <remarks>A concurrency token: two reassignments at once cannot both win.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public Guid? OwnerProfessionalId { get; set; }
    public DateOnly? Due { get; set; }
    /// <remarks>A concurrency token: an action is done, handed on or withdrawn once.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public ActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneByProfessionalId { get; set; }
    /// <summary>The entry that shows it done, where there is one (a plan review that found the item achieved).</summary>
    public Guid? DoneEntryId { get; set; }
    /// <summary>What was done, or why it was handed on or withdrawn.</summary>
    public string? Note { get; set; }
    public string? HandedOnTo { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public Guid? EscalatedToProfessionalId { get; set; }

    public bool IsOpen => Status == ActionStatus.Open;

    /// <summary>The ids of <see cref="Children"/>, in their order.</summary>
    public IReadOnlyList<Guid> ChildIds => [.. Children.OrderBy(c => c.Position).Select(c => c.ChildPersonId)];

    public bool IsOverdueOn(DateOnly day) => IsOpen && Due is { } due && due < day;
}

/// <summary>One child an action is about (schema 0020).</summary>
public sealed class ActionChild
{
    public Guid ActionId { get; set; }
    public Guid ChildPersonId { get; set; }
    /// <summary>Its place among the action's children, from 0: the order its entry names them in.</summary>
    public int Position { get; set; }
}

public enum ActionChangeType { Created, Corrected, Reassigned, Done, HandedOn, Withdrawn, Escalated }

/// <summary>One step in an action's life, kept for ever: who did what, when and why.</summary>
public sealed class ActionChange
{
    public Guid Id { get; set; }
    public Guid ActionId { get; set; }
    public ActionChangeType Type { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ByProfessionalId { get; set; }
    public Guid? FromProfessionalId { get; set; }
    public Guid? ToProfessionalId { get; set; }
    public string? Reason { get; set; }
}

internal sealed class TrackedActionConfiguration : IEntityTypeConfiguration<TrackedAction>
{
    public void Configure(EntityTypeBuilder<TrackedAction> b)
    {
        b.ToTable("actions");
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.SourceEntryId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.DoneEntryId);
        b.HasMany(x => x.Children).WithOne().HasForeignKey(c => c.ActionId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.OwnerProfessionalId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.DoneByProfessionalId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.EscalatedToProfessionalId);
        b.HasIndex(x => new { x.SourceEntryId, x.ItemIndex }).IsUnique();
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.ChildIds);
    }
}

internal sealed class ActionChildConfiguration : IEntityTypeConfiguration<ActionChild>
{
    public void Configure(EntityTypeBuilder<ActionChild> b)
    {
        b.ToTable("action_children");
        b.HasKey(x => new { x.ActionId, x.ChildPersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasIndex(x => x.ChildPersonId);
    }
}

internal sealed class ActionChangeConfiguration : IEntityTypeConfiguration<ActionChange>
{
    public void Configure(EntityTypeBuilder<ActionChange> b)
    {
        b.ToTable("action_changes");
        b.HasOne<TrackedAction>().WithMany().HasForeignKey(x => x.ActionId);
    }
}
