using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Persistence;

// One configuration per entity. Table and column names are snake_case, matching Schema/*.sql.

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.ToTable("partnerships");
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("agencies");
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("teams");
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
    }
}

internal sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> b)
    {
        b.ToTable("professionals");
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ManagerId);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId);
        b.HasMany(x => x.Identifiers).WithOne().HasForeignKey(x => x.PersonId);
        b.Ignore(x => x.BirthDate);
        b.Ignore(x => x.DisplayName);
        b.Ignore(x => x.IsChild);
    }
}

internal sealed class PersonIdentifierConfiguration : IEntityTypeConfiguration<PersonIdentifier>
{
    public void Configure(EntityTypeBuilder<PersonIdentifier> b) => b.ToTable("person_identifiers");
}

internal sealed class RelationshipConfiguration : IEntityTypeConfiguration<Relationship>
{
    public void Configure(EntityTypeBuilder<Relationship> b)
    {
        b.ToTable("relationships");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.RelatedPersonId);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.HouseholdId);
    }
}

internal sealed class HouseholdMembershipConfiguration : IEntityTypeConfiguration<HouseholdMembership>
{
    public void Configure(EntityTypeBuilder<HouseholdMembership> b)
    {
        b.ToTable("household_memberships");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

internal sealed class AddressFactConfiguration : IEntityTypeConfiguration<AddressFact>
{
    public void Configure(EntityTypeBuilder<AddressFact> b)
    {
        b.ToTable("address_facts");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ReportedByAgencyId);
    }
}

internal sealed class InvolvementConfiguration : IEntityTypeConfiguration<Involvement>
{
    public void Configure(EntityTypeBuilder<Involvement> b)
    {
        b.ToTable("involvements");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ProfessionalId);
    }
}

internal sealed class ChronologyEntryConfiguration : IEntityTypeConfiguration<ChronologyEntry>
{
    public void Configure(EntityTypeBuilder<ChronologyEntry> b)
    {
        b.ToTable("entries");
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.RecordedByProfessionalId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.RecordedByAgencyId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.SupersedesEntryId);
        b.HasMany(x => x.Subjects).WithOne().HasForeignKey(x => x.EntryId);
        b.Ignore(x => x.When);
        b.Ignore(x => x.OccurredOn);
    }
}

internal sealed class EntrySubjectConfiguration : IEntityTypeConfiguration<EntrySubject>
{
    public void Configure(EntityTypeBuilder<EntrySubject> b)
    {
        b.ToTable("entry_subjects");
        b.HasKey(x => new { x.EntryId, x.PersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.SubjectPersonId);
        b.Ignore(x => x.Evidence);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> b)
    {
        b.ToTable("alert_events");
        b.HasOne<Alert>().WithMany().HasForeignKey(x => x.AlertId);
    }
}

internal sealed class NextCheckConfiguration : IEntityTypeConfiguration<NextCheck>
{
    public void Configure(EntityTypeBuilder<NextCheck> b)
    {
        b.ToTable("next_checks");
        b.HasKey(x => x.ChildId);
    }
}

internal sealed class OpenContactConfiguration : IEntityTypeConfiguration<Chronology.OpenContact>
{
    public void Configure(EntityTypeBuilder<Chronology.OpenContact> b)
    {
        b.ToTable("open_contacts");
        b.HasKey(x => new { x.ContactEntryId, x.PersonId });
    }
}

internal sealed class PolicyChangeConfiguration : IEntityTypeConfiguration<PolicyChange>
{
    public void Configure(EntityTypeBuilder<PolicyChange> b) => b.ToTable("policy_changes");
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(x => new { x.UserId, x.Operation, x.Key });
    }
}
