using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Plans;

/// <summary>
/// The slot a child's statutory plan (child in need or child protection) holds while it runs: the database keeps one
/// per child, so two plans started at once cannot both run. Taken with the plan-started entry, freed with plan-ended,
/// by <see cref="ChronologyService"/> whichever way the entry comes (the plans API or an entry recorded directly).
/// </summary>
public sealed class ActivePlan
{
    public const string Statutory = "statutory";

    public Guid ChildPersonId { get; set; }
    public required string Slot { get; set; }
    public Guid PlanEntryId { get; set; }

    /// <summary>Whether a plan of this kind holds the statutory slot while it runs: a child in need or child protection plan, not a draft.</summary>
    public static bool Holds(PlanStarted plan) => !plan.Draft && plan.Type is PlanType.ChildInNeed or PlanType.ChildProtection;

    /// <summary>
    /// Why a plan of one type cannot start while another runs (children in need census rules 4001, 4004 and 8935: one
    /// CIN or one CP plan at a time, never both), in words for the user.
    /// </summary>
    public static string Conflict(PlanType running, PlanType starting) => (running, starting) switch
    {
        (PlanType.ChildProtection, PlanType.ChildProtection) => "The child already has a child protection plan: review or end it instead",
        (PlanType.ChildInNeed, PlanType.ChildProtection) => "The child has a child in need plan: end it before starting a child protection plan",
        (PlanType.ChildInNeed, PlanType.ChildInNeed) => "The child already has a child in need plan: review or end it instead",
        _ => "The child has a child protection plan: a child in need plan cannot run alongside it",
    };
}

internal sealed class ActivePlanConfiguration : IEntityTypeConfiguration<ActivePlan>
{
    public void Configure(EntityTypeBuilder<ActivePlan> b)
    {
        b.ToTable("active_plans");
        b.HasKey(x => new { x.ChildPersonId, x.Slot });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.PlanEntryId);
    }
}
