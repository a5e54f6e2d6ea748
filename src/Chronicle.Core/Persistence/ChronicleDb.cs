using Chronicle.Core.Audit;
using Chronicle.Core.Chronology;
using Chronicle.Core.Learning;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chronicle.Core.Persistence;

/// <summary>Chronicle's database. The schema comes from the versioned scripts in Schema/, applied by <see cref="SchemaMigrator"/>.</summary>
public sealed class ChronicleDb(DbContextOptions<ChronicleDb> options) : DbContext(options)
{
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Professional> Professionals => Set<Professional>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonIdentifier> PersonIdentifiers => Set<PersonIdentifier>();
    public DbSet<Relationship> Relationships => Set<Relationship>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdMembership> HouseholdMemberships => Set<HouseholdMembership>();
    public DbSet<AddressFact> AddressFacts => Set<AddressFact>();
    public DbSet<Involvement> Involvements => Set<Involvement>();
    public DbSet<ChronologyEntry> Entries => Set<ChronologyEntry>();
    public DbSet<EntrySubject> EntrySubjects => Set<EntrySubject>();
    public DbSet<OpenContact> OpenContacts => Set<OpenContact>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();
    public DbSet<PolicyChange> PolicyChanges => Set<PolicyChange>();
    public DbSet<NextCheck> NextChecks => Set<NextCheck>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<TeamAroundChild.TeamChange> TeamChanges => Set<TeamAroundChild.TeamChange>();
    public DbSet<Sharing.Notification> Notifications => Set<Sharing.Notification>();
    public DbSet<Delivery.OutboxMessage> OutboxMessages => Set<Delivery.OutboxMessage>();
    public DbSet<Actions.TrackedAction> Actions => Set<Actions.TrackedAction>();
    public DbSet<Actions.ActionChild> ActionChildren => Set<Actions.ActionChild>();
    public DbSet<Actions.ActionChange> ActionChanges => Set<Actions.ActionChange>();
    public DbSet<Meetings.Meeting> Meetings => Set<Meetings.Meeting>();
    public DbSet<Meetings.MeetingInvitee> MeetingInvitees => Set<Meetings.MeetingInvitee>();
    public DbSet<Meetings.MeetingChangeRecord> MeetingChanges => Set<Meetings.MeetingChangeRecord>();

    public DbSet<SeriousIncident> SeriousIncidents => Set<SeriousIncident>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewSlippage> ReviewSlippages => Set<ReviewSlippage>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<LessonSafeguard> LessonSafeguards => Set<LessonSafeguard>();
    public DbSet<ResponseAction> ResponseActions => Set<ResponseAction>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<Dissemination> Disseminations => Set<Dissemination>();
    public DbSet<BriefingFeedback> BriefingFeedback => Set<BriefingFeedback>();

    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<BreakGlassReview> BreakGlassReviews => Set<BreakGlassReview>();
    public DbSet<AccessProposal> AccessProposals => Set<AccessProposal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC. SQLite cannot order or compare DateTimeOffset values, so there they are
        // stored as milliseconds since 1970; PostgreSQL's timestamptz needs a zero offset.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        else
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChronicleDb).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ColumnName(property.Name));
    }

    /// <summary>snake_case, with From and To (reserved words in SQL) as from_date and to_date.</summary>
    public static string ColumnName(string propertyName) => propertyName switch
    {
        "From" => "from_date",
        "To" => "to_date",
        _ => string.Concat(propertyName.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}
