using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Plans;

/// <summary>
/// The slot a child's statutory plan (child in need or child protection) holds while it runs: the database keeps one
/// per child, so two plans started at once cannot both run. Taken with the plan-started entry, freed with plan-ended.
/// </summary>
public sealed class ActivePlan
{
    public const string Statutory = "statutory";

    public Guid ChildPersonId { get; set; }
    public required string Slot { get; set; }
    public Guid PlanEntryId { get; set; }
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
