using System.Text.Json;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Identity;

/// <summary>What a run of linking did.</summary>
public sealed record LinkSummary(int Rows, int Matched, int Possible, int New, int Unchanged, int Changed)
{
    /// <summary>The person each matched or changed row added facts to, one entry a row: whoever shows the run audits these, and counts only those the reader may see.</summary>
    public IReadOnlyList<Guid> AddedTo { get; init; } = [];

    public string Describe() =>
        $"{Rows} rows: {Matched} matched to people on record, {Possible} possible matches for the review queue, {New} new people, {Unchanged} unchanged since an earlier run, {Changed} changed since an earlier run";
}

/// <summary>
/// Links an agency's list to the partnership's people. Each row becomes a match (the person gains the agency's id,
/// and any NHS number, name and address the row adds, each as a fact with the agency as its source), a possible
/// match (a review-queue item with the candidates), or a new person. A row already linked with the same content
/// is passed over, so running the same file again changes nothing; a row whose content changed adds what is new
/// to its person. Rows are linked in order, so a person twice in one list is one person.
/// </summary>
public sealed class LinkService(ChronicleDb db, TimeProvider clock, MatchScorer scorer)
{
    public LinkService(ChronicleDb db, TimeProvider clock) : this(db, clock, MatchScorer.Default) { }

    public async Task<LinkSummary> LinkAsync(Guid partnershipId, Guid agencyId, IReadOnlyList<AgencyListRow> rows, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == agencyId && a.PartnershipId == partnershipId, ct);
        // One file is one transaction: it is linked whole or not at all.
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var cache = await WiderCache.OpenAsync(db, ct);
        // Each agency id appears once in a list (AgencyListReader refuses a repeat), so what was linked before is read once.
        var existing = await db.Set<AgencyRecord>().AsNoTracking().Where(r => r.AgencyId == agencyId).ToDictionaryAsync(r => r.AgencyRecordId, ct);
        int matched = 0, possible = 0, created = 0, unchanged = 0, changed = 0;
        var addedTo = new List<Guid>();

        var pending = rows.Where(r => !existing.TryGetValue(r.AgencyRecordId, out var known) || known.ContentHash != r.ContentHash()).ToList();
        unchanged = rows.Count - pending.Count;
        BlockingIndex? index = null;
        PartnershipOnRecord? read = null;
        if (pending.Count > 0)
        {
            read = await new IdentityService(db, clock, scorer).ReadPartnershipAsync(partnershipId, ct);
            index = BlockingIndex.Build(read.Records);
        }
        // Rows and facts are added in bulk, not through tracked saves, so the blocking keys the saves would keep
        // current are written here: each person's keys as the index holds them, plus those of each fact a row adds.
        // Nothing reads the keys while the list is linked, so they are written once, at the end, in the order the
        // table keeps them (by key, then person): each page of it is then written once, not once a key.
        await using var bulk = new BulkInsert(db);
        var keys = new Dictionary<Guid, PersonKeys>();
        var newKeys = new List<PersonBlockingKey>();
        var made = new HashSet<Guid>();
        // Everyone this link has added facts to: what they hold is read again from the database, not taken from the read above.
        var touched = new HashSet<Guid>();
        Dictionary<Guid, MatchRecord>? onRecord = null;
        var done = 0;
        // A chunk at a time: its rows are decided in order (the index learns each person a row makes, so a later row
        // can be them), then what the people they are linked to already hold is read in one go, and only what is new
        // to each person is added. Each chunk is written before the next is decided; the file is still one transaction.
        foreach (var chunk in pending.Chunk(2000))
        {
            var now = clock.GetUtcNow();
            var facts = new Facts();
            var linkedTo = new List<(AgencyListRow Row, Guid Person)>();
            var held = new Dictionary<Guid, Held>();
            foreach (var row in chunk)
            {
                if (existing.TryGetValue(row.AgencyRecordId, out var known))
                {
                    changed++;
                    db.Attach(known);
                    Update(known, row, now);
                    if (known.PersonId is { } person)
                    {
                        linkedTo.Add((row, person));
                        if (!keys.ContainsKey(person))
                        {
                            // A person merged into another since holds no keys, and is not in the index.
                            onRecord ??= Enumerable.Range(0, index!.Count).Select(i => index[i]).ToDictionary(r => r.PersonId!.Value);
                            keys[person] = onRecord.TryGetValue(person, out var r) ? PersonKeys.Of(r) : PersonKeys.None;
                        }
                    }
                    continue;
                }
                var record = row.ToMatchRecord();
                var decision = Linker.Decide(record, index!, scorer);
                var linked = new AgencyRecord { Id = Ids.Version7(now), PartnershipId = partnershipId, AgencyId = agencyId, AgencyRecordId = row.AgencyRecordId, ContentHash = "" };
                Update(linked, row, now);
                linked.Score = decision.Best is { } best ? Math.Round(best.Result.Probability, 4) : null;
                switch (decision.Band)
                {
                    case MatchBand.Match:
                        matched++;
                        linked.Outcome = LinkOutcome.Matched;
                        linked.PersonId = decision.Best!.Record.PersonId;
                        linkedTo.Add((row, linked.PersonId!.Value));
                        keys.TryAdd(linked.PersonId!.Value, PersonKeys.Of(decision.Best.Record));
                        break;
                    case MatchBand.Possible:
                        possible++;
                        linked.Outcome = LinkOutcome.Possible;
                        facts.Reviews.Add(new IdentityReview
                        {
                            Id = Ids.Version7(now), PartnershipId = partnershipId, Kind = ReviewKind.LinkPossible, Status = ReviewStatus.Open, LinkedRecordId = linked.Id,
                            Submitted = "{}", CreatedAt = now,
                            Candidates = IdentityService.CandidatesJson(decision.Candidates.Select(c => new PersonCandidate(c.Record.PersonId!.Value, c.Result))),
                        });
                        break;
                    default:
                        created++;
                        linked.Outcome = LinkOutcome.New;
                        var person = NewPerson(partnershipId, row, now);
                        facts.People.Add(person);
                        made.Add(person.Id);
                        linked.PersonId = person.Id;
                        held[person.Id] = Held.Of(person);
                        linkedTo.Add((row, person.Id));
                        keys[person.Id] = PersonKeys.New(person, facts);
                        index!.Add(MatchRecord.From(person.Id, [(row.GivenName, row.FamilyName)], row.DateOfBirth, row.DateOfBirthPrecision, row.Sex, [row.NhsNumber], [row.Postcode], [row.Address]));
                        break;
                }
                facts.Records.Add(linked);
            }
            var unread = new List<Guid>();
            foreach (var (_, person) in linkedTo)
            {
                if (held.ContainsKey(person)) continue;
                if (!touched.Contains(person) && Held.From(read!, person) is { } holds) held[person] = holds;
                else unread.Add(person);
            }
            foreach (var (person, holds) in await HeldAsync([.. unread.Distinct()], ct))
                held[person] = holds;
            foreach (var (row, person) in linkedTo)
            {
                var added = AddFacts(facts, partnershipId, agency, person, row, now, held[person]);
                keys[person].Add(person, partnershipId, added, facts);
                addedTo.Add(person);
                touched.Add(person);
            }
            await bulk.WriteAsync(facts.People, ct);
            await bulk.WriteAsync(facts.Records, ct);
            await bulk.WriteAsync(facts.Reviews, ct);
            await bulk.WriteAsync(facts.Identifiers, ct);
            await bulk.WriteAsync(facts.Addresses, ct);
            await bulk.WriteAsync(facts.Names, ct);
            newKeys.AddRange(facts.Keys);
            // Rows linked before whose content changed are updated through the context.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += chunk.Length;
            progress?.Report((done + unchanged, rows.Count));
        }
        newKeys.Sort(static (a, b) => a.BlockingKey != b.BlockingKey ? a.BlockingKey.CompareTo(b.BlockingKey) : a.PersonId.CompareTo(b.PersonId));
        await bulk.WriteAsync(newKeys, ct);
        // The children around everyone a row added facts to (an agency's address can disagree with another's) are due for the clock.
        // A person the list made has no family and no check yet to bring forward.
        foreach (var chunk in addedTo.Distinct().Where(p => !made.Contains(p)).Chunk(2000)) await Safeguards.NextCheck.MakeDueAsync(db, chunk, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        progress?.Report((rows.Count, rows.Count));
        return new LinkSummary(rows.Count, matched, possible, created, unchanged, changed) { AddedTo = addedTo };
    }

    /// <summary>
    /// On SQLite, a page cache of up to 1 GB for the link's connection while it links, SQLite's default (2 MB, which
    /// nothing else in Chronicle changes) restored after: a list's rows go to a dozen indexes, each in an order of its
    /// own, in a file far larger than 2 MB, so with the default a page changed by one row is written out and read back
    /// for the next. The cache takes memory only as pages are read.
    /// </summary>
    private sealed class WiderCache(ChronicleDb db) : IAsyncDisposable
    {
        public static async Task<WiderCache?> OpenAsync(ChronicleDb db, CancellationToken ct)
        {
            if (!db.IsSqlite) return null;
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -1048576", ct);
            return new(db);
        }

        public async ValueTask DisposeAsync() => await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
    }

    private static void Update(AgencyRecord r, AgencyListRow row, DateTimeOffset now)
    {
        r.GivenName = row.GivenName; r.FamilyName = row.FamilyName; r.DateOfBirth = row.DateOfBirth; r.Sex = row.Sex; r.NhsNumber = row.NhsNumber;
        r.Postcode = row.Postcode; r.Address = row.Address; r.ContentHash = row.ContentHash(); r.LinkedAt = now;
    }

    private static Person NewPerson(Guid partnershipId, AgencyListRow row, DateTimeOffset now)
    {
        var today = WorkingDayCalendar.UkDate(now);
        var isChild = row.DateOfBirth is { } dob && dob > today.AddYears(-18);
        return new Person
        {
            Id = Ids.Version7(now), PartnershipId = partnershipId, Kind = isChild ? PersonKind.Child : PersonKind.Adult, GivenName = row.GivenName, FamilyName = row.FamilyName,
            DateOfBirth = row.DateOfBirth, DateOfBirthPrecision = row.DateOfBirthPrecision, Sex = row.Sex, CreatedAt = now,
        };
    }

    /// <summary>The rows a chunk of a list adds, in the order they are written (a row before the rows that refer to it).</summary>
    private sealed class Facts
    {
        public List<Person> People { get; } = [];
        public List<AgencyRecord> Records { get; } = [];
        public List<IdentityReview> Reviews { get; } = [];
        public List<PersonIdentifier> Identifiers { get; } = [];
        public List<AddressFact> Addresses { get; } = [];
        public List<PersonName> Names { get; } = [];
        public List<PersonBlockingKey> Keys { get; } = [];
    }

    /// <summary>
    /// The blocking keys a person holds, as <see cref="BlockingKeys"/> keeps them: those of their match record. A fact
    /// only ever adds keys (each key is of one name, NHS number or postcode, with the date of birth), so the keys of what
    /// a row adds, less those held, are the keys to write. A person merged into another holds none, and gains none.
    /// </summary>
    private sealed class PersonKeys(DateOnly? dateOfBirth, DatePrecision precision, HashSet<long>? held)
    {
        public static PersonKeys None => new(null, DatePrecision.Unknown, null);

        public static PersonKeys Of(MatchRecord onRecord) => new(onRecord.DateOfBirth, onRecord.DateOfBirthPrecision, [.. BlockingKeys.Of(onRecord)]);

        /// <summary>A person a row makes: the keys of their own name (and of the facts the row adds, added after).</summary>
        public static PersonKeys New(Person person, Facts facts)
        {
            var keys = new PersonKeys(person.DateOfBirth, person.DateOfBirthPrecision, []);
            keys.Add(person.Id, person.PartnershipId, new Added((person.GivenName, person.FamilyName), null, null), facts);
            return keys;
        }

        public void Add(Guid personId, Guid partnershipId, Added added, Facts facts)
        {
            if (held is null || (added.Name is null && added.NhsNumber is null && added.Postcode is null)) return;
            var record = MatchRecord.From(personId, added.Name is { } name ? [name] : [], dateOfBirth, precision, null, [added.NhsNumber], [added.Postcode], []);
            foreach (var key in BlockingKeys.Of(record))
                if (held.Add(key)) facts.Keys.Add(new PersonBlockingKey { PersonId = personId, BlockingKey = key, PartnershipId = partnershipId });
        }
    }

    /// <summary>What a row added to a person that their blocking keys are made of: a name, an NHS number, an address's postcode.</summary>
    private sealed record Added((string?, string?)? Name, string? NhsNumber, string? Postcode);

    /// <summary>What a person already holds, so a row adds only what is new; each fact a row adds is added here too.</summary>
    private sealed record Held(HashSet<string> Identifiers, HashSet<string> Addresses, HashSet<(string, string)> Names)
    {
        /// <summary>A person just made from a row: their own name, and nothing else yet.</summary>
        public static Held Of(Person person) => new([], [], [(Identity.Names.Fold(person.GivenName), Identity.Names.Fold(person.FamilyName))]);

        /// <summary>What a person held when the partnership was read, as <see cref="HeldAsync"/> would read it; null for one not read (merged into another).</summary>
        public static Held? From(PartnershipOnRecord read, Guid person)
        {
            if (!read.OwnNames.TryGetValue(person, out var own)) return null;
            var held = new Held([], [], [(Identity.Names.Fold(own.Given), Identity.Names.Fold(own.Family))]);
            foreach (var i in read.Identifiers[person]) held.Identifiers.Add(IdentifierKey(i.Scheme, i.Issuer, i.Value));
            foreach (var a in read.Addresses[person]) held.Addresses.Add(AddressFact.Normalise(a.Address));
            foreach (var n in read.Names[person]) held.Names.Add((n.GivenFolded, n.FamilyFolded));
            return held;
        }

        public static string IdentifierKey(IdentifierScheme scheme, string issuer, string value) => scheme == IdentifierScheme.NhsNumber ? "nhs:" + value : $"{scheme}:{issuer}:{value}";
    }

    private async Task<Dictionary<Guid, Held>> HeldAsync(IReadOnlyList<Guid> people, CancellationToken ct)
    {
        var held = new Dictionary<Guid, Held>();
        if (people.Count == 0) return held;
        foreach (var p in await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToListAsync(ct))
            held[p.Id] = new Held([], [], [(Names.Fold(p.GivenName), Names.Fold(p.FamilyName))]);
        foreach (var i in await db.PersonIdentifiers.AsNoTracking().Where(i => people.Contains(i.PersonId)).Select(i => new { i.PersonId, i.Scheme, i.Issuer, i.Value }).ToListAsync(ct))
            held[i.PersonId].Identifiers.Add(Held.IdentifierKey(i.Scheme, i.Issuer, i.Value));
        foreach (var a in await db.AddressFacts.AsNoTracking().Where(a => people.Contains(a.PersonId)).Select(a => new { a.PersonId, a.Address }).ToListAsync(ct))
            held[a.PersonId].Addresses.Add(AddressFact.Normalise(a.Address));
        foreach (var n in await db.Set<PersonName>().AsNoTracking().Where(n => people.Contains(n.PersonId)).Select(n => new { n.PersonId, n.GivenFolded, n.FamilyFolded }).ToListAsync(ct))
            held[n.PersonId].Names.Add((n.GivenFolded, n.FamilyFolded));
        return held;
    }

    /// <summary>Adds to <paramref name="facts"/> what the row says of the person that they do not already hold, each a fact with the agency as its source.</summary>
    private static Added AddFacts(Facts facts, Guid partnershipId, Agency agency, Guid personId, AgencyListRow row, DateTimeOffset now, Held held)
    {
        var issuer = agency.Name;
        string? nhsAdded = null, postcodeAdded = null;
        (string?, string?)? nameAdded = null;
        if (held.Identifiers.Add($"{IdentifierScheme.Other}:{issuer}:{row.AgencyRecordId}"))
            facts.Identifiers.Add(new PersonIdentifier { Id = Ids.Version7(now), PersonId = personId, Scheme = IdentifierScheme.Other, Value = row.AgencyRecordId, Issuer = issuer });
        if (row.NhsNumber is { } nhs && held.Identifiers.Add("nhs:" + nhs))
        {
            facts.Identifiers.Add(new PersonIdentifier { Id = Ids.Version7(now), PersonId = personId, Scheme = IdentifierScheme.NhsNumber, Value = nhs, Issuer = issuer });
            nhsAdded = nhs;
        }
        var address = row.Address ?? row.Postcode;
        if (address is not null && held.Addresses.Add(AddressFact.Normalise(address)))
        {
            facts.Addresses.Add(new AddressFact
            {
                Id = Ids.Version7(now), PartnershipId = partnershipId, PersonId = personId, Address = address, Postcode = row.Postcode, ReportedByAgencyId = agency.Id, RecordedAt = now,
            });
            postcodeAdded = row.Postcode;
        }
        var name = (Names.Fold(row.GivenName), Names.Fold(row.FamilyName));
        if ((row.GivenName is not null || row.FamilyName is not null) && held.Names.Add(name))
        {
            facts.Names.Add(new PersonName
            {
                Id = Ids.Version7(now), PartnershipId = partnershipId, PersonId = personId, GivenName = row.GivenName, FamilyName = row.FamilyName,
                GivenFolded = name.Item1, FamilyFolded = name.Item2, Source = "agency list", AgencyId = agency.Id, RecordedAt = now,
            });
            nameAdded = (row.GivenName, row.FamilyName);
        }
        return new Added(nameAdded, nhsAdded, postcodeAdded);
    }

    /// <summary>Settles a possible match from the review queue: the row is the chosen person, or a new person.</summary>
    public async Task<Validation.Outcome<AgencyRecord>> DecideAsync(Guid partnershipId, Guid reviewId, Guid? personId, Guid? byProfessionalId, CancellationToken ct = default)
    {
        var review = await db.Set<IdentityReview>().FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null || review.Kind != ReviewKind.LinkPossible) return Validation.Outcome<AgencyRecord>.Refused("reviewId", "There is no such item in the review queue");
        if (review.Status != ReviewStatus.Open) return Validation.Outcome<AgencyRecord>.Refused("reviewId", "This item has already been decided");
        var candidates = JsonSerializer.Deserialize<List<ReviewCandidate>>(review.Candidates) ?? [];
        if (personId is { } chosen && candidates.All(c => c.PersonId != chosen)) return Validation.Outcome<AgencyRecord>.Refused("personId", "Choose one of the candidates, or a new person");
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        // The item is claimed first, and only while still open: of two deciders at once, the second waits for the
        // first's lock, finds it decided, and changes nothing.
        if (await db.Set<IdentityReview>().Where(r => r.Id == review.Id && r.Status == ReviewStatus.Open).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReviewStatus.Decided), ct) != 1)
            throw new WriteConflictException("Someone else decided this item while you were looking at it: nothing you chose was saved.");
        var linked = await db.Set<AgencyRecord>().FirstAsync(r => r.Id == review.LinkedRecordId, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == linked.AgencyId, ct);
        var now = clock.GetUtcNow();
        var row = new AgencyListRow(0, linked.AgencyRecordId, linked.GivenName, linked.FamilyName, linked.DateOfBirth,
            linked.DateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day, linked.Sex, linked.NhsNumber, linked.Postcode, linked.Address);
        // One row: added through the context, whose save keeps the blocking keys current.
        var facts = new Facts();
        if (personId is { } existing)
        {
            linked.PersonId = existing;
            AddFacts(facts, partnershipId, agency, existing, row, now, (await HeldAsync([existing], ct))[existing]);
        }
        else
        {
            var person = NewPerson(partnershipId, row, now);
            db.Add(person);
            linked.PersonId = person.Id;
            AddFacts(facts, partnershipId, agency, person.Id, row, now, Held.Of(person));
        }
        db.AddRange(facts.Identifiers);
        db.AddRange(facts.Addresses);
        db.AddRange(facts.Names);
        linked.Outcome = LinkOutcome.Reviewed;
        review.Status = ReviewStatus.Decided;
        review.DecidedAt = now;
        review.DecidedByProfessionalId = byProfessionalId;
        review.Decision = personId is null ? "new" : "existing";
        review.PersonId = linked.PersonId;
        await db.SaveChangesAsync(ct);
        await Safeguards.NextCheck.MakeDueAsync(db, [linked.PersonId!.Value], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Validation.Outcome<AgencyRecord>.Ok(linked);
    }
}
