using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Synthetic;

/// <summary>
/// `synth --children N --database sqlite:PATH|postgres:CONNECTION [--json]`: writes a synthetic partnership of N
/// children (the generator the benchmarks use, from its fixed seed) into a database, with its agencies, professionals,
/// an account for every professional (the demo password, roles from their job) and every chronology, so that the web
/// app can be measured on a partnership of any size. One of the children has a long chronology: about a thousand entries,
/// or as many as --big-child-entries asks.
/// </summary>
public static class SynthCommand
{
    public const string Usage = """
          chronicle synth --children N --database sqlite:PATH|postgres:CONNECTION [--big-child-entries N] [--json]
                                                        write a synthetic partnership of N children to sign in to,
                                                        one of them with about N entries (1,000 unless told)
        """;

    /// <summary>Every synthetic account's password: synthetic data only, like the demo's (DemoAccounts.Password).</summary>
    public const string Password = "chronicle-demo";

    /// <summary>How many entries the child with the longest chronology has unless told: a child page and chronology at their largest.</summary>
    public const int BigChildEntries = 1_000;

    /// <summary>The longest chronology synth writes for one child: far beyond any child's in the seed reviews.</summary>
    public const int MostBigChildEntries = 50_000;

    private const int FamiliesPerBatch = 1_000;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        int? children = null;
        DatabaseSettings? settings = null;
        var json = false;
        var bigChildEntries = BigChildEntries;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"synth: {args[i]} needs a value");
                switch (args[i])
                {
                    case "--children":
                        children = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                            ? n : throw new ArgumentException("synth: --children needs a whole number above 0");
                        break;
                    case "--database": settings = Database(Value()); break;
                    case "--big-child-entries":
                        bigChildEntries = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var e) && e is >= 1 and <= MostBigChildEntries
                            ? e : throw new ArgumentException($"synth: --big-child-entries needs a whole number from 1 to {MostBigChildEntries:N0}");
                        break;
                    case "--json": json = true; break;
                    default: throw new ArgumentException($"synth: unknown option {args[i]}");
                }
            }
            if (children is null) throw new ArgumentException("synth: say how many children with --children N");
            if (settings is null) throw new ArgumentException("synth: say where with --database sqlite:PATH or --database postgres:CONNECTION");
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        // The child with a long chronology is one of the N, so the partnership's generated families are one child fewer.
        var plan = SyntheticPartnership.Plan(new SyntheticOptions { Children = children.Value - 1, JsonDetails = true });
        await using (var db = new ChronicleDb(settings.Options()))
        {
            await SchemaMigrator.MigrateAsync(db, ct);
            if (await db.Partnerships.AnyAsync(p => p.Code == plan.Partnership.Code, ct))
            {
                await error.WriteLineAsync($"synth: {settings.Describe()} already holds a partnership with the code '{plan.Partnership.Code}'; give a new database");
                return 1;
            }
        }

        var written = await WriteAsync(plan, settings, bigChildEntries, ct);
        var signIn = new SignIn(plan.Partnership.Code, Password, written.SocialWorker, written.TeamManager, written.FrontDoor, written.BigChild);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                partnership = signIn.Partnership,
                password = signIn.Password,
                users = new { socialWorker = signIn.SocialWorker, teamManager = signIn.TeamManager, frontDoor = signIn.FrontDoor },
                bigChild = signIn.BigChild,
                children = written.Children,
                entries = written.Entries,
                accounts = written.Accounts,
            }));
            return 0;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Wrote the synthetic partnership '{signIn.Partnership}' to {settings.Describe()} in {clock.Elapsed.TotalSeconds:F1} s: " +
            $"{written.Children:N0} children, {written.Entries:N0} entries, {written.Accounts:N0} accounts (one per professional)."));
        await output.WriteLineAsync($"""
            Every account's password is {Password} (synthetic data only). To sign in as:
              a social worker with children          {signIn.SocialWorker}
              their team manager                     {signIn.TeamManager}
              the front door                         {signIn.FrontDoor}
            The child with about {bigChildEntries:N0} entries: /children/{signIn.BigChild}
            Start the web app on it with {(settings.UsesPostgres ? "ConnectionStrings__Postgres=CONNECTION" : $"Chronicle__SqlitePath={Path.GetFullPath(settings.SqlitePath)}")} and Chronicle__Partnership={signIn.Partnership}.
            """);
        return 0;
    }

    /// <summary>What synth prints for signing in (the JSON's fields).</summary>
    public sealed record SignIn(string Partnership, string Password, string SocialWorker, string TeamManager, string FrontDoor, Guid BigChild);

    private sealed record Written(int Children, long Entries, int Accounts, string SocialWorker, string TeamManager, string FrontDoor, Guid BigChild);

    private static DatabaseSettings Database(string value) => value switch
    {
        _ when value.StartsWith("sqlite:", StringComparison.Ordinal) && value.Length > 7 => DatabaseSettings.Sqlite(value[7..]),
        _ when value.StartsWith("postgres:", StringComparison.Ordinal) && value.Length > 9 => DatabaseSettings.Postgres(value[9..]),
        _ => throw new ArgumentException("synth: --database is sqlite:PATH or postgres:CONNECTION"),
    };

    private static async Task<Written> WriteAsync(SyntheticPartnership plan, DatabaseSettings settings, int bigChildEntries, CancellationToken ct)
    {
        var staff = plan.Staff;
        var big = plan.FamilyWithEntries(bigChildEntries);
        var lead = big.Involvements.FirstOrDefault(i => i.IsLead && i.ProfessionalId is { } p && staff.Professionals[p].Role == ProfessionalRole.SocialWorker)
            ?? big.Involvements.First(i => i.ProfessionalId is { } p && staff.Professionals[p].Role == ProfessionalRole.SocialWorker);
        var socialWorker = staff.Professionals[lead.ProfessionalId!.Value];

        // What the generator leaves unset (it models the record, not when rows were made) dates from the record's first day.
        var created = WorkingDayCalendar.StartOfUkDay(plan.Options.From);
        plan.Partnership.CreatedAt = created;
        foreach (var agency in staff.Agencies.Values) agency.CreatedAt = created;
        foreach (var professional in staff.Professionals.Values) professional.CreatedAt = created;

        await using var db = new ChronicleDb(settings.Options());
        await db.Database.OpenConnectionAsync(ct);
        // A database being generated is of no use half-written, so it need not survive a crash on the way.
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", ct);
        await using var bulk = new BulkInsert(db);
        // Rows are written in transactions of a batch of families each; rows refer to each other in any order.
        async Task InTransactionAsync(Func<Task> write)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await bulk.DeferForeignKeysAsync(ct);
            await write();
            await tx.CommitAsync(ct);
        }
        int children = 0;
        long entries = 0;
        // The staff who may hold a child's case: their involvements end a contact's wait for allocation.
        var holders = (staff.Professionals.Values.Where(p => Allocation.MayHold(p.Role, staff.Agencies[p.AgencyId].Kind)).Select(p => p.Id).ToHashSet(),
            staff.Agencies.Values.Where(a => a.Kind == AgencyKind.ChildrensSocialCare).Select(a => a.Id).ToHashSet());
        await InTransactionAsync(async () =>
        {
            await bulk.WriteAsync([plan.Partnership], ct);
            await bulk.WriteAsync(staff.Agencies.Values, ct);
            await bulk.WriteAsync(staff.Professionals.Values, ct);
            (children, entries) = await WriteFamiliesAsync(bulk, [big], created, holders, ct);
        });
        foreach (var batch in plan.InBatches(FamiliesPerBatch))
        {
            await InTransactionAsync(async () =>
            {
                var (c, e) = await WriteFamiliesAsync(bulk, batch, created, holders, ct);
                children += c;
                entries += e;
            });
        }

        var hash = new PasswordHasher<UserAccount>().HashPassword(null!, Password);
        var accounts = staff.Professionals.Values.Select(p => new UserAccount
        {
            Id = Guid.NewGuid(),
            PartnershipId = plan.Partnership.Id,
            ProfessionalId = p.Id,
            UserName = AccountNames.Slug(p.Name),
            DisplayName = p.Name,
            PasswordHash = hash,
            Roles = string.Join(',', AccountNames.RolesFor(p.Role)),
            CreatedAt = created,
        }).ToList();
        await InTransactionAsync(() => bulk.WriteAsync(accounts, ct));
        // The query planner's statistics for what was written, as the web app keeps them (DatabaseStatistics).
        await DatabaseStatistics.RefreshAsync(db, ct);
        await db.Database.CloseConnectionAsync();
        // The file is let go of when the command ends, not kept open by the connection pool.
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);

        string Account(Professional p) => accounts.First(a => a.ProfessionalId == p.Id).UserName;
        return new Written(children, entries, accounts.Count, Account(socialWorker), Account(staff.ManagerOf(socialWorker)), Account(staff.FrontDoorWorkers[0]), big.Children[0].Id);
    }

    /// <summary>What ends a wait for allocation in one generated family: its children's involvements with the staff who may hold a case.</summary>
    private static AllocationFacts AllocationOf(SyntheticFamily family, (HashSet<Guid> Workers, HashSet<Guid> SocialCare) holders) =>
        new(family.Involvements.Where(i => i.ProfessionalId is { } p && holders.Workers.Contains(p)).Select(i => new CaseHolding(i.PersonId, i.From, i.To)).ToLookup(h => h.ChildId),
            holders.SocialCare, family.People.Values.Where(p => p.Kind == PersonKind.Adult).Select(p => p.Id).ToHashSet());

    private static async Task<(int Children, long Entries)> WriteFamiliesAsync(BulkInsert writer, SyntheticFamily[] families, DateTimeOffset created, (HashSet<Guid> Workers, HashSet<Guid> SocialCare) holders, CancellationToken ct)
    {
        foreach (var family in families)
        {
            foreach (var person in family.People.Values) person.CreatedAt = created;
            family.Household.CreatedAt = created;
            foreach (var household in family.OtherHouseholds) household.CreatedAt = created;
        }
        await writer.WriteAsync(families.SelectMany(f => f.People.Values), ct);
        await writer.WriteAsync(families.SelectMany(f => f.OtherHouseholds.Prepend(f.Household)), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Memberships), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Relationships), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Involvements), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Recorded.Select(e => e.Entry)), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Recorded.SelectMany(e => e.Entry.Subjects)), ct);
        await writer.WriteAsync(families.SelectMany(f => f.Addresses), ct);
        // The contacts still with the front door (waiting for its decision, or for allocation), as a write would have kept them.
        await writer.WriteAsync(families.SelectMany(f => OpenContacts.RowsFor(f.Recorded, AllocationOf(f, holders))), ct);
        // The duplicate check's blocking keys (docs/identity.md), as a save would have written them.
        await writer.WriteAsync(families.SelectMany(f => f.People.Values.SelectMany(p => BlockingKeys.RowsFor(p, [], p.Identifiers, f.Addresses.Where(a => a.PersonId == p.Id)))), ct);
        return (families.Sum(f => f.Children.Count), families.Sum(f => (long)f.Recorded.Count));
    }
}
