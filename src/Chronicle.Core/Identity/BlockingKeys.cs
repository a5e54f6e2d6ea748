using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chronicle.Core.Identity;

/// <summary>One of a person's blocking keys (<see cref="Blocking.Keys"/>), as the duplicate check looks people up.</summary>
public sealed class PersonBlockingKey
{
    public Guid PersonId { get; set; }
    /// <summary>The 64-bit key, stored as a signed integer.</summary>
    public long BlockingKey { get; set; }
    public Guid PartnershipId { get; set; }
}

internal sealed class PersonBlockingKeyConfiguration : IEntityTypeConfiguration<PersonBlockingKey>
{
    public void Configure(EntityTypeBuilder<PersonBlockingKey> b)
    {
        b.ToTable("person_blocking_keys");
        // The table is kept in the order of the look-up, by key then person (schema 0026), with an index by person.
        b.HasKey(x => new { x.BlockingKey, x.PersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

/// <summary>
/// Keeps every person's blocking keys (person_blocking_keys) current: whenever a save adds, changes or removes a person,
/// an NHS number, an address, a name or a merge, the keys of each person it touches are worked out again from what
/// the database will hold after the save, and the difference is written in that same save. A person merged into
/// another has no keys: the survivor holds their names, and is the candidate. Whichever service writes, the keys
/// cannot fall behind the record.
/// </summary>
public sealed class BlockingKeys : SaveChangesInterceptor
{
    public static BlockingKeys Instance { get; } = new();

    /// <summary>The keys a record is found under, each once, as stored.</summary>
    public static IEnumerable<long> Of(MatchRecord record) => Blocking.Keys(record).Distinct().Select(k => unchecked((long)k));

    /// <summary>The key rows of a person written in bulk (not through a save), from what is on record for them.</summary>
    public static IEnumerable<PersonBlockingKey> RowsFor(Person person, IEnumerable<PersonName> names, IEnumerable<PersonIdentifier> identifiers, IEnumerable<AddressFact> addresses) =>
        Of(IdentityService.RecordOf(person, names, identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => i.Value), addresses, null))
            .Select(k => new PersonBlockingKey { PersonId = person.Id, BlockingKey = k, PartnershipId = person.PartnershipId });

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ChronicleDb db) await StageAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ChronicleDb db) StageAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    /// <summary>The people whose keys the pending changes may change.</summary>
    private static HashSet<Guid> Touched(ChronicleDb db)
    {
        var touched = new HashSet<Guid>();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            Guid Original(string property) => e.State == EntityState.Added ? Guid.Empty : (Guid)e.Property(property).OriginalValue!;
            switch (e.Entity)
            {
                case Person p: touched.Add(p.Id); break;
                case PersonIdentifier i: touched.Add(i.PersonId); touched.Add(Original(nameof(PersonIdentifier.PersonId))); break;
                case AddressFact a: touched.Add(a.PersonId); touched.Add(Original(nameof(AddressFact.PersonId))); break;
                case PersonName n: touched.Add(n.PersonId); touched.Add(Original(nameof(PersonName.PersonId))); break;
                case PersonMerge m: touched.Add(m.SurvivorPersonId); touched.Add(m.MergedPersonId); break;
            }
        }
        touched.Remove(Guid.Empty);
        return touched;
    }

    private static async Task StageAsync(ChronicleDb db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var touched = Touched(db);
        if (touched.Count == 0) return;
        foreach (var chunk in touched.Chunk(1000)) await StageAsync(db, chunk, ct);
    }

    /// <summary>Reads what the database holds for these people, lays the pending changes over it, and adds or removes key rows to match.</summary>
    private static async Task StageAsync(ChronicleDb db, Guid[] ids, CancellationToken ct)
    {
        var idSet = ids.ToHashSet();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var identifiers = await db.PersonIdentifiers.AsNoTracking().Where(i => ids.Contains(i.PersonId)).ToDictionaryAsync(i => i.Id, ct);
        var addresses = await db.AddressFacts.AsNoTracking().Where(a => ids.Contains(a.PersonId)).ToDictionaryAsync(a => a.Id, ct);
        var names = await db.Set<PersonName>().AsNoTracking().Where(n => ids.Contains(n.PersonId)).ToDictionaryAsync(n => n.Id, ct);
        var merges = await db.Set<PersonMerge>().AsNoTracking().Where(m => ids.Contains(m.MergedPersonId) && m.UnmergedAt == null).ToDictionaryAsync(m => m.Id, ct);
        Overlay(db, people, p => p.Id);
        Overlay(db, identifiers, i => i.Id);
        Overlay(db, addresses, a => a.Id);
        Overlay(db, names, n => n.Id);
        Overlay(db, merges, m => m.Id);
        var merged = merges.Values.Where(m => m.UnmergedAt is null).Select(m => m.MergedPersonId).ToHashSet();
        var nhs = identifiers.Values.Where(i => i.Scheme == IdentifierScheme.NhsNumber).ToLookup(i => i.PersonId, i => i.Value);
        var addressesOf = addresses.Values.ToLookup(a => a.PersonId);
        var namesOf = names.Values.ToLookup(n => n.PersonId);

        var wanted = new HashSet<(Guid Person, long Key)>();
        foreach (var id in ids)
        {
            if (!people.TryGetValue(id, out var person) || merged.Contains(id)) continue;
            foreach (var k in Of(IdentityService.RecordOf(person, namesOf[id], nhs[id], addressesOf[id], null))) wanted.Add((id, k));
        }
        var held = await db.Set<PersonBlockingKey>().Where(k => ids.Contains(k.PersonId)).ToListAsync(ct);
        foreach (var k in held)
            if (!wanted.Remove((k.PersonId, k.BlockingKey)) && db.Entry(k).State != EntityState.Deleted) db.Remove(k);
        foreach (var (person, key) in wanted)
            db.Add(new PersonBlockingKey { PersonId = person, BlockingKey = key, PartnershipId = people[person].PartnershipId });

        void Overlay<T>(ChronicleDb context, Dictionary<Guid, T> rows, Func<T, Guid> idOf) where T : class
        {
            foreach (var e in context.ChangeTracker.Entries<T>())
            {
                if (e.State == EntityState.Deleted) rows.Remove(idOf(e.Entity));
                else if (e.State is EntityState.Added or EntityState.Modified && Owner(e.Entity) is { } owner && idSet.Contains(owner)) rows[idOf(e.Entity)] = e.Entity;
                else if (e.State == EntityState.Modified) rows.Remove(idOf(e.Entity));
            }
        }
    }

    /// <summary>The person a row belongs to, for laying pending changes over what was read.</summary>
    private static Guid? Owner(object row) => row switch
    {
        Person p => p.Id,
        PersonIdentifier i => i.PersonId,
        AddressFact a => a.PersonId,
        PersonName n => n.PersonId,
        PersonMerge m => m.MergedPersonId,
        _ => null,
    };

    /// <summary>
    /// Writes the keys of every person on record who has none and is not merged into another: run when a script that
    /// (re)makes the keys is applied (inside its transaction: SchemaMigrator.WritesBlockingKeys), and after people are
    /// loaded in bulk. Reads the people a chunk at a time.
    /// </summary>
    public static async Task<int> BackfillAsync(ChronicleDb db, CancellationToken ct = default)
    {
        var merged = db.Set<PersonMerge>().Where(m => m.UnmergedAt == null).Select(m => m.MergedPersonId);
        var keyed = db.Set<PersonBlockingKey>().Select(k => k.PersonId);
        var ids = await db.People.AsNoTracking().Where(p => !merged.Contains(p.Id) && !keyed.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await BackfillAsync(db, ids, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> BackfillAsync(ChronicleDb db, List<Guid> ids, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var sqlite = db.IsSqlite;
        await using var insert = connection.CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = sqlite
            ? "INSERT INTO person_blocking_keys (person_id, blocking_key, partnership_id) VALUES ($person, $key, $partnership)"
            : "INSERT INTO person_blocking_keys (person_id, blocking_key, partnership_id) VALUES (@person, @key, @partnership)";
        var person = insert.CreateParameter(); person.ParameterName = sqlite ? "$person" : "@person"; insert.Parameters.Add(person);
        var key = insert.CreateParameter(); key.ParameterName = sqlite ? "$key" : "@key"; insert.Parameters.Add(key);
        var partnership = insert.CreateParameter(); partnership.ParameterName = sqlite ? "$partnership" : "@partnership"; insert.Parameters.Add(partnership);
        // SQLite holds ids as upper-case text, as EF Core writes them; PostgreSQL as uuid.
        object Id(Guid g) => sqlite ? g.ToString().ToUpperInvariant() : g;
        var written = 0;
        foreach (var chunk in ids.Chunk(2000))
        {
            var people = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id)).ToListAsync(ct);
            // By person alone: with the scheme too, SQLite may scan every NHS number instead (IdentityService.RecordsAsync).
            var nhs = (await db.PersonIdentifiers.AsNoTracking().Where(i => chunk.Contains(i.PersonId)).ToListAsync(ct))
                .Where(i => i.Scheme == IdentifierScheme.NhsNumber).ToLookup(i => i.PersonId, i => i.Value);
            var addresses = (await db.AddressFacts.AsNoTracking().Where(a => chunk.Contains(a.PersonId)).ToListAsync(ct)).ToLookup(a => a.PersonId);
            var names = (await db.Set<PersonName>().AsNoTracking().Where(n => chunk.Contains(n.PersonId)).ToListAsync(ct)).ToLookup(n => n.PersonId);
            foreach (var p in people)
            {
                person.Value = Id(p.Id);
                partnership.Value = Id(p.PartnershipId);
                foreach (var k in Of(IdentityService.RecordOf(p, names[p.Id], nhs[p.Id], addresses[p.Id], null)))
                {
                    key.Value = k;
                    await insert.ExecuteNonQueryAsync(ct);
                    written++;
                }
            }
        }
        return written;
    }
}
