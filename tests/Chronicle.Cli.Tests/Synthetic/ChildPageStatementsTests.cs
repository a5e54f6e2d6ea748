extern alias web;

using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ChildAccess = web::Chronicle.Web.Security.ChildAccess;
using VisibleChronology = web::Chronicle.Web.Chronology.VisibleChronology;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// A child's page, the chronology page and the chronology API read what they show: on a generated partnership whose
/// child with 1,000 entries has 40 more, and on one three times its size whose child has 400 more (at every sharing
/// level, with records of sharing them, from the middle of the chronology, so that the pages show the same entries),
/// each page makes the same number of statements, for the child's social worker and their manager, and the chronology
/// page and API read whole (with their details) only the entries they show.
/// And the entries a reader is shown, decided on the entries' outlines, are exactly those asking about each whole
/// entry gives, with the same people withheld, for every child each of three users may see.
/// </summary>
public sealed partial class ChildPageStatementsTests(ITestOutputHelper output)
{
    private static readonly string[] Readers = ["socialWorker", "teamManager"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_childs_pages_make_the_same_statements_whatever_the_partnership_and_the_chronology(Provider provider)
    {
        var small = await StatementsAsync(provider, 20, more: 40);
        var large = await StatementsAsync(provider, 60, more: 400);

        var counts = string.Join("; ", small.Keys.Select(page => $"{page}: {small[page]} with 20 children and 40 more entries, {large[page]} with 60 and 400"));
        output.WriteLine(counts);
        Assert.True(small.Keys.Where(page => page.StartsWith("statements", StringComparison.Ordinal)).All(page => small[page] == large[page]), counts);
        // The chronology page and API read whole only the entries they show (and the chronology's corrections, to
        // know whom each corrected entry is withdrawn from). A reader who may not read some entries also reads the
        // records of sharing, to leave out those naming them; and the child page's reminders read the family's case
        // file whole, as the safeguards do: those still grow with the chronology.
        var readWhole = small.Keys.Where(page => page.StartsWith("entries read whole, chronology", StringComparison.Ordinal) && page.EndsWith("socialWorker", StringComparison.Ordinal)).ToList();
        Assert.True(readWhole.All(page => small[page] > 0 && small[page] == large[page]), counts);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_entries_shown_are_those_asking_about_each_whole_entry_allows(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var written = await Synth.WriteAsync(database, 20);
        await LengthenAsync(database, written.GetProperty("bigChild").GetGuid(), 200);
        var users = written.GetProperty("users");

        await using var app = new SynthApp(database);
        int compared = 0, leftOut = 0, withheld = 0;
        foreach (var role in new[] { "socialWorker", "teamManager", "frontDoor" })
        {
            var account = await AccountAsync(database, users, role);
            IReadOnlyList<web::Chronicle.Web.Security.VisibleChild> children;
            await using (var scope = app.SignedIn(account))
                children = await scope.ServiceProvider.GetRequiredService<ChildAccess>().VisibleChildrenAsync();
            foreach (var child in children)
            {
                List<string> shown, expected;
                int whole;
                await using (var scope = app.SignedIn(account))
                {
                    var (db, access) = (scope.ServiceProvider.GetRequiredService<ChronicleDb>(), scope.ServiceProvider.GetRequiredService<ChildAccess>());
                    var visible = (await access.ChildAsync(child.ChildId))!;
                    shown = [.. (await VisibleChronology.ForChildAsync(db, access, visible, account.PartnershipId, null)).Select(Describe)];
                }
                await using (var scope = app.SignedIn(account))
                {
                    var (db, access) = (scope.ServiceProvider.GetRequiredService<ChronicleDb>(), scope.ServiceProvider.GetRequiredService<ChildAccess>());
                    var visible = (await access.ChildAsync(child.ChildId))!;
                    (expected, whole) = await EntryByEntryAsync(db, access, visible, account.PartnershipId);
                }
                Assert.Equal(expected, shown);
                compared += shown.Count;
                leftOut += whole - shown.Count;
                withheld += shown.Count(s => s.Contains(Names.WithheldPerson, StringComparison.Ordinal));
            }
        }
        output.WriteLine($"{compared} entries shown, {leftOut} left out, {withheld} naming someone withheld");
        Assert.True(compared > 0 && leftOut > 0, $"{compared} entries shown and {leftOut} left out: the comparison needs both");
    }

    /// <summary>
    /// The entries a reader may see as they were decided before outlines: every whole entry of the chronology read,
    /// each asked about with its later versions, records of sharing an unread entry left out, the people hidden named
    /// anywhere in them withheld, and entries about hidden children only left out. Answers them described, and how
    /// many entries the whole chronology has.
    /// </summary>
    private static async Task<(List<string> Shown, int Whole)> EntryByEntryAsync(ChronicleDb db, ChildAccess access, web::Chronicle.Web.Security.VisibleChild child, Guid partnershipId)
    {
        var chronology = await ChronologyReader.EntriesForChildAsync(db, partnershipId, child.ChildId);
        await access.KnowCorrectionsAsync(chronology.Entries);
        var shown = new List<ChronologyEntry>();
        foreach (var entry in chronology.Entries)
            if (await access.MaySeeAsync(child, entry)) shown.Add(entry);
        var unread = chronology.Entries.Select(e => e.Id).Except(shown.Select(e => e.Id)).ToHashSet();
        shown.RemoveAll(e => DetailsReader.ReadStored(e.Kind, e.Details) switch
        {
            InformationShared { AboutEntryId: { } about } => unread.Contains(about),
            InformationAcknowledged a => unread.Contains(a.SharedEntryId),
            _ => false,
        });
        var hidden = await access.HiddenPeopleInAsync(shown);
        var hiddenChildren = (await db.People.AsNoTracking().Where(p => hidden.Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync()).ToHashSet();
        var children = (await db.People.AsNoTracking().Where(p => p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync()).ToHashSet();
        shown.RemoveAll(e => e.Subjects.Any(s => hiddenChildren.Contains(s.PersonId)) && !e.Subjects.Any(s => children.Contains(s.PersonId) && !hiddenChildren.Contains(s.PersonId)));
        var read = shown.Select(e => (Entry: e, Details: DetailsReader.ReadStored(e.Kind, e.Details))).ToList();
        var names = (await ChronologyReader.NamesInAsync(db, partnershipId, read, default)).Withholding(hidden);
        var visible = shown.Select(e => e.Id).ToHashSet();
        return ([.. read.Select(r => ChronologyReader.Item(r.Entry, r.Details, chronology, names) with { Withheld = hidden })
            .Select(i => i.SupersededBy is { } by && !visible.Contains(by) ? i with { SupersededReason = "corrected in an entry you cannot see" } : i)
            .Select(Describe)], chronology.Entries.Count);
    }

    /// <summary>An entry as a reader is shown it: which, what it says and about whom, its details as given, and how it stands.</summary>
    /// <remarks>Whom an entry is about is compared as a set: the database keeps no order among an entry's subjects (PostgreSQL returns them in any).</remarks>
    private static string Describe(ChronologyItem item) =>
        $"{item.Entry.Id} {item.KindLabel}: {item.Summary} | {item.RecordedBy}, {item.Agency} | about {string.Join(", ", item.About.Order(StringComparer.Ordinal))} ({string.Join(", ", item.SubjectIds.Order())}) | "
        + $"{item.DetailsJson} | {string.Join("; ", item.Fields.Select(f => $"{f.Label}: {f.Value}"))} | corrected by {item.SupersededBy} {item.SupersededReason}";

    /// <summary>The statements each page of the big child makes for each reader, on a generated partnership of this size with this many more entries about the child.</summary>
    private async Task<Dictionary<string, int>> StatementsAsync(Provider provider, int size, int more)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var written = await Synth.WriteAsync(database, size);
        var child = written.GetProperty("bigChild").GetGuid();
        await LengthenAsync(database, child, more);

        var counter = new EveryStatement();
        await using var app = new SynthApp(database, counter);
        var counts = new Dictionary<string, int>();
        foreach (var role in Readers)
        {
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var signIn = await client.GetStringAsync("/sign-in");
            var signedIn = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = written.GetProperty("users").GetProperty(role).GetString()!,
                ["password"] = written.GetProperty("password").GetString()!,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(signIn).Groups[1].Value),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            foreach (var (page, path) in new[] { ("child page", $"/children/{child}"), ("chronology page", $"/children/{child}/chronology"), ("chronology API", $"/api/children/{child}/chronology") })
            {
                // The second request is counted: the first may fill what the process keeps once.
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
                counter.Start();
                var response = await client.GetAsync(path);
                counts[$"statements, {page}, {role}"] = counter.Stop();
                counts[$"entries read whole, {page}, {role}"] = counter.EntriesReadWhole;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                output.WriteLine($"{page}, {role}, {size} children, {more} more entries:{Environment.NewLine}{string.Join(Environment.NewLine, counter.Statements)}");
            }
        }
        return counts;
    }

    /// <summary>
    /// This many more entries about the child, from the middle of its chronology back: observations by the
    /// professionals of four agencies at each sharing level in turn, and for each narrower than the team a record of
    /// sharing it, at the team's level.
    /// </summary>
    private static async Task LengthenAsync(TestDatabase database, Guid child, int more)
    {
        if (more == 0) return;
        await using var db = database.Open();
        var person = await db.People.SingleAsync(p => p.Id == child);
        var recorders = (await db.Professionals.Where(p => p.PartnershipId == person.PartnershipId).OrderBy(p => p.Id).ToListAsync())
            .GroupBy(p => p.AgencyId).Select(g => g.First()).Take(4).ToList();
        var times = (await db.Entries.Where(e => e.Subjects.Any(s => s.PersonId == child)).Select(e => e.OccurredAt ?? e.RecordedAt).ToListAsync()).Order().ToList();
        var now = times[times.Count / 2];
        ChronologyEntry Entry(Professional by, EntryDetails details, SharingLevel level, int i) => new()
        {
            Id = Guid.NewGuid(), PartnershipId = person.PartnershipId, Kind = EntryKinds.Of(details).Code, Details = DetailsReader.Write(details),
            OccurredAt = now.AddHours(-i - 1), OccurredPrecision = DatePrecision.Exact, RecordedAt = now.AddMinutes(-i),
            RecordedByProfessionalId = by.Id, RecordedByAgencyId = by.AgencyId, Source = Source.SeenByRecorder, Significance = Significance.Routine,
            SharingLevel = level, Subjects = [new EntrySubject { PersonId = child }],
        };
        for (var i = 0; i < more; i++)
        {
            var by = recorders[i % recorders.Count];
            var level = (SharingLevel)(i % 4);
            var observation = Entry(by, new Observation { Topic = ObservationTopic.HomeConditions, Text = $"Observation {i}" }, level, i);
            db.Entries.Add(observation);
            if (level != SharingLevel.Team)
                db.Entries.Add(Entry(by, new InformationShared { AboutEntryId = observation.Id, Summary = $"Observation {i} shared", RecipientProfessionalIds = [recorders[0].Id] }, SharingLevel.Team, i));
        }
        await db.SaveChangesAsync();
    }

    private static async Task<UserAccount> AccountAsync(TestDatabase database, JsonElement users, string role)
    {
        await using var db = database.Open();
        var name = users.GetProperty(role).GetString()!;
        return await db.UserAccounts.AsNoTracking().SingleAsync(a => a.UserName == name);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>
    /// Counts every statement the app executes between <see cref="Start"/> and <see cref="Stop"/>, whichever context
    /// runs it, and the rows of entries read with their details.
    /// </summary>
    private sealed class EveryStatement : DbCommandInterceptor
    {
        private readonly List<string> _statements = [];
        private bool _counting;

        public IReadOnlyList<string> Statements { get { lock (_statements) return [.. _statements]; } }

        /// <summary>The rows read by statements that select entries' details.</summary>
        public int EntriesReadWhole { get; private set; }

        public void Start()
        {
            lock (_statements)
            {
                _statements.Clear();
                EntriesReadWhole = 0;
                _counting = true;
            }
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            lock (_statements)
            {
                // SQLite's statements quote every name, PostgreSQL's only those that need it.
                var text = command.CommandText.Replace("\"", "", StringComparison.Ordinal);
                if (_counting && text.Contains(".details", StringComparison.Ordinal) && text.Contains("FROM entries ", StringComparison.Ordinal))
                    EntriesReadWhole += eventData.ReadCount;
            }
            return base.DataReaderDisposing(command, eventData, result);
        }

        public int Stop()
        {
            lock (_statements)
            {
                _counting = false;
                return _statements.Count;
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Counted(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Counted(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Counted(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Counted(DbCommand command)
        {
            lock (_statements)
                if (_counting) _statements.Add(string.Join(' ', command.CommandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}
