using System.Text.Json;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Identity;

/// <summary>The rows a merge moved from the merged person to the survivor, by table.</summary>
public sealed record MovedRows
{
    public List<Guid> Identifiers { get; init; } = [];
    public List<Guid> Addresses { get; init; } = [];
    public List<Guid> Involvements { get; init; } = [];
    public List<Guid> RelationshipsAsPerson { get; init; } = [];
    public List<Guid> RelationshipsAsRelated { get; init; } = [];
    public List<Guid> HouseholdMemberships { get; init; } = [];
    public List<Guid> AgencyRecords { get; init; } = [];
    public List<Guid> Names { get; init; } = [];
}

/// <summary>
/// Merging two records of one person, and undoing it. Nothing is overwritten or lost: the merged person stays on
/// record; their identifiers, addresses, involvements, relationships, household memberships, agency records and
/// names move to the survivor, each move listed on the <see cref="PersonMerge"/>; their own name becomes a name of
/// the survivor with the merge as its source. Chronology entries are append-only and keep their subjects: the
/// merged person's entries follow through <see cref="Merges"/>, which the record's family circle consults. An
/// unmerge moves exactly the listed rows back. Both keep the front door's open contacts of either side current, in the
/// same transaction. Safeguards re-evaluate every child either side concerns.
/// </summary>
public sealed class MergeService(ChronicleDb db, TimeProvider clock, SafeguardEngine? safeguards = null)
{
    public async Task<Outcome<PersonMerge>> MergeAsync(Guid partnershipId, Guid survivorId, Guid mergedId, string? reason, Guid? byProfessionalId, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("reason", reason, "Say why these two records are one person");
        if (survivorId == mergedId) p.Add("mergedPersonId", "A person cannot be merged with themselves");
        var people = await db.People.Where(x => x.PartnershipId == partnershipId && (x.Id == survivorId || x.Id == mergedId)).ToListAsync(ct);
        if (people.All(x => x.Id != survivorId)) p.Add("survivorPersonId", "No such person in this partnership");
        if (people.All(x => x.Id != mergedId)) p.Add("mergedPersonId", "No such person in this partnership");
        var active = await db.Set<PersonMerge>().Where(m => m.UnmergedAt == null && (m.MergedPersonId == mergedId || m.MergedPersonId == survivorId)).AnyAsync(ct);
        if (active) p.Add("mergedPersonId", "One of these records has already been merged into another: unmerge it first, or merge into the record it became");
        if (p.Any) return Outcome<PersonMerge>.Refused(p.Errors);
        var survivor = people.Single(x => x.Id == survivorId);
        var merged = people.Single(x => x.Id == mergedId);
        if (survivor.IsChild != merged.IsChild) return Outcome<PersonMerge>.Refused("mergedPersonId", "A child and an adult cannot be one person: check the records");

        var now = clock.GetUtcNow();
        var merge = new PersonMerge
        {
            Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, SurvivorPersonId = survivorId, MergedPersonId = mergedId, Reason = reason!.Trim(),
            ByProfessionalId = byProfessionalId, MergedAt = now, Moved = "",
        };
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        // Two merges at once of either person wait here for each other (a write takes the rows' lock), and the one that
        // comes second finds the first's merge and loses: one record is never merged two ways, nor two into each other.
        await db.People.Where(x => x.Id == survivorId || x.Id == mergedId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PartnershipId, x => x.PartnershipId), ct);
        if (await db.Set<PersonMerge>().AnyAsync(m => m.UnmergedAt == null && (m.MergedPersonId == mergedId || m.MergedPersonId == survivorId), ct))
            throw new WriteConflictException("One of these records was merged by someone else while you were working: nothing you sent was saved. Look at the records again.");
        var moved = new MovedRows();
        foreach (var x in await db.PersonIdentifiers.Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.Identifiers.Add(x.Id); }
        foreach (var x in await db.AddressFacts.Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.Addresses.Add(x.Id); }
        foreach (var x in await db.Involvements.Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.Involvements.Add(x.Id); }
        // A tie between the two records themselves stays as it was: moved, it would tie the survivor to itself.
        foreach (var x in await db.Relationships.Where(x => x.PersonId == mergedId && x.RelatedPersonId != survivorId).ToListAsync(ct)) { x.PersonId = survivorId; moved.RelationshipsAsPerson.Add(x.Id); }
        foreach (var x in await db.Relationships.Where(x => x.RelatedPersonId == mergedId && x.PersonId != survivorId).ToListAsync(ct)) { x.RelatedPersonId = survivorId; moved.RelationshipsAsRelated.Add(x.Id); }
        foreach (var x in await db.HouseholdMemberships.Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.HouseholdMemberships.Add(x.Id); }
        foreach (var x in await db.Set<AgencyRecord>().Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.AgencyRecords.Add(x.Id); }
        foreach (var x in await db.Set<PersonName>().Where(x => x.PersonId == mergedId).ToListAsync(ct)) { x.PersonId = survivorId; moved.Names.Add(x.Id); }
        if (merged.GivenName is not null || merged.FamilyName is not null)
            db.Add(new PersonName
            {
                Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, PersonId = survivorId, GivenName = merged.GivenName, FamilyName = merged.FamilyName,
                GivenFolded = Names.Fold(merged.GivenName), FamilyFolded = Names.Fold(merged.FamilyName), Source = "merge", MergeId = merge.Id, RecordedAt = now,
            });
        merge.Moved = JsonSerializer.Serialize(moved);
        db.Add(merge);
        await db.SaveChangesAsync(ct);
        // The merged person's contacts with the front door become the survivor's, read with the survivor's case as one.
        await Chronology.OpenContacts.RefreshAsync(db, [survivorId, mergedId], ct);
        // Due for the clock in the merge's own transaction, so a crash before the evaluation below still leaves them due.
        await Safeguards.NextCheck.MakeDueAsync(db, [survivorId, mergedId], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        await ReevaluateAsync([survivorId, mergedId], ct);
        return Outcome<PersonMerge>.Ok(merge);
    }

    public async Task<Outcome<PersonMerge>> UnmergeAsync(Guid partnershipId, Guid mergeId, string? reason, Guid? byProfessionalId, CancellationToken ct = default)
    {
        var merge = await db.Set<PersonMerge>().FirstOrDefaultAsync(m => m.Id == mergeId && m.PartnershipId == partnershipId, ct);
        if (merge is null) return Outcome<PersonMerge>.Refused("mergeId", "There is no such merge");
        if (!merge.IsActive) return Outcome<PersonMerge>.Refused("mergeId", "This merge has already been undone");
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<PersonMerge>.Refused("reason", "Say why the merge is being undone");
        var moved = JsonSerializer.Deserialize<MovedRows>(merge.Moved)!;
        var (from, to) = (merge.SurvivorPersonId, merge.MergedPersonId);
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        // Only one unmerge of a merge succeeds: the second waits for the first's lock and then finds nothing to undo.
        var undoneAt = clock.GetUtcNow();
        if (await db.Set<PersonMerge>().Where(m => m.Id == merge.Id && m.UnmergedAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.UnmergedAt, undoneAt), ct) != 1)
            throw new WriteConflictException("Someone else undid this merge while you were working: nothing you sent was saved. Look at the records again.");
        foreach (var x in await db.PersonIdentifiers.Where(x => moved.Identifiers.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.AddressFacts.Where(x => moved.Addresses.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.Involvements.Where(x => moved.Involvements.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.Relationships.Where(x => moved.RelationshipsAsPerson.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.Relationships.Where(x => moved.RelationshipsAsRelated.Contains(x.Id)).ToListAsync(ct)) x.RelatedPersonId = to;
        foreach (var x in await db.HouseholdMemberships.Where(x => moved.HouseholdMemberships.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.Set<AgencyRecord>().Where(x => moved.AgencyRecords.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        foreach (var x in await db.Set<PersonName>().Where(x => moved.Names.Contains(x.Id)).ToListAsync(ct)) x.PersonId = to;
        db.RemoveRange(await db.Set<PersonName>().Where(n => n.MergeId == merge.Id).ToListAsync(ct));
        merge.UnmergedAt = undoneAt;
        merge.UnmergedByProfessionalId = byProfessionalId;
        merge.UnmergeReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        await Chronology.OpenContacts.RefreshAsync(db, [from, to], ct);
        await Safeguards.NextCheck.MakeDueAsync(db, [from, to], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        await ReevaluateAsync([from, to], ct);
        return Outcome<PersonMerge>.Ok(merge);
    }

    private async Task ReevaluateAsync(IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        if (safeguards is null) return;
        await safeguards.EvaluateChildrenAsync(db, [.. await Family.ChildrenConcernedAsync(db, people, ct)], ct);
    }
}

/// <summary>Who was merged into whom, for the record's readers: the merged person's entries belong to the survivor's circle.</summary>
public static class Merges
{
    /// <summary>The people merged (and not unmerged) into each of these people, by survivor.</summary>
    public static async Task<ILookup<Guid, Guid>> MergedIntoAsync(ChronicleDb db, IReadOnlyCollection<Guid> survivors, CancellationToken ct = default)
    {
        var ids = survivors.ToList();
        return (await db.Set<PersonMerge>().AsNoTracking().Where(m => m.UnmergedAt == null && EF.Parameter(ids).Contains(m.SurvivorPersonId))
            .Select(m => new { m.SurvivorPersonId, m.MergedPersonId }).ToListAsync(ct)).ToLookup(m => m.SurvivorPersonId, m => m.MergedPersonId);
    }

    /// <summary>Each of these people that was merged into another, with its survivor (<see cref="SurvivorsOfAsync"/> for each alone).</summary>
    public static async Task<ILookup<Guid, Guid>> SurvivorsOfEachAsync(ChronicleDb db, IReadOnlyCollection<Guid> merged, CancellationToken ct = default)
    {
        var ids = merged.ToList();
        return (await db.Set<PersonMerge>().AsNoTracking().Where(m => m.UnmergedAt == null && EF.Parameter(ids).Contains(m.MergedPersonId))
            .Select(m => new { m.MergedPersonId, m.SurvivorPersonId }).ToListAsync(ct)).ToLookup(m => m.MergedPersonId, m => m.SurvivorPersonId);
    }

    /// <summary>The survivors of any of these people that were merged into another.</summary>
    public static async Task<List<Guid>> SurvivorsOfAsync(ChronicleDb db, IReadOnlyCollection<Guid> merged, CancellationToken ct = default) =>
        [.. (await SurvivorsOfEachAsync(db, merged, ct)).SelectMany(s => s)];
}
