using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.TeamAroundChild;

/// <summary>A request to add someone to, or remove someone from, the team around a child.</summary>
/// <summary>A change to the team; <paramref name="TeamVersion"/>, when given, is the team's version the changer saw (a change made since is a conflict).</summary>
public sealed record TeamChangeInput(Guid? ChildId, Guid? ProfessionalId, Guid? AgencyId, string? Role, string? Reason, Guid? ByProfessionalId, int? TeamVersion = null);

/// <summary>The professionals working with one person in the family.</summary>
public sealed record Worker(
    Guid? ProfessionalId, string? Name, string? Email, Guid AgencyId, string AgencyName, AgencyKind AgencyKind, string Role, DateOnly From, bool IsLead);

/// <summary>One person in the family, how they are connected to the child, and who is working with them.</summary>
public sealed record FamilyMemberWorkers(Guid PersonId, string Name, PersonKind Kind, string Connection, bool LivesWithChild, IReadOnlyList<Worker> Workers);

/// <summary>"Who is working with this family": every person around the child and every professional around each.</summary>
public sealed record FamilyWorkers(Guid ChildId, string ChildName, DateOnly On, IReadOnlyList<FamilyMemberWorkers> People)
{
    public IReadOnlyList<string> Agencies => [.. People.SelectMany(p => p.Workers).Select(w => w.AgencyName).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>
/// The team around the child: who is in it (derived from involvements, plus and minus explicit changes), changing
/// it with a recorded reason, and who is working with each person in the family.
/// </summary>
public sealed class TeamService(ChronicleDb db, ChronologyService chronology, TimeProvider clock)
{
    public async Task<TeamView?> TeamAsync(Guid partnershipId, Guid childId, DateOnly? on = null, CancellationToken ct = default) =>
        await db.People.AnyAsync(p => p.Id == childId && p.PartnershipId == partnershipId, ct) ? await ChildTeam.LoadAsync(db, childId, on ?? Today, ct) : null;

    public async Task<IReadOnlyList<TeamChange>> HistoryAsync(Guid partnershipId, Guid childId, CancellationToken ct = default) =>
        (await db.TeamChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId && c.ChildPersonId == childId).ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.SequenceNumber).ThenBy(c => c.Id).ToList();

    public Task<Outcome<TeamChange>> AddAsync(Guid partnershipId, TeamChangeInput input, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, input, TeamChangeType.Added, ct);

    public Task<Outcome<TeamChange>> RemoveAsync(Guid partnershipId, TeamChangeInput input, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, input, TeamChangeType.Removed, ct);

    /// <summary>Every person around the child (as the chronology sees the family) with the professionals working with each.</summary>
    public async Task<FamilyWorkers?> WhoIsWorkingWithFamilyAsync(Guid partnershipId, Guid childId, DateOnly? on = null, CancellationToken ct = default)
    {
        var child = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == childId && p.PartnershipId == partnershipId, ct);
        if (child is null || !child.IsChild) return null;
        var day = on ?? Today;
        var circle = await Family.AroundChildAsync(db, childId, ct);
        var people = await db.People.AsNoTracking().Where(p => circle.Contains(p.Id)).ToListAsync(ct);
        var involvements = (await db.Involvements.AsNoTracking().Where(i => circle.Contains(i.PersonId)).ToListAsync(ct)).Where(i => i.IsActiveOn(day)).ToList();
        var professionalIds = involvements.Select(i => i.ProfessionalId).OfType<Guid>().Distinct().ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(p => professionalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var agencyIds = involvements.Select(i => i.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var relationships = await db.Relationships.AsNoTracking()
            .Where(r => (r.PersonId == childId && circle.Contains(r.RelatedPersonId)) || (r.RelatedPersonId == childId && circle.Contains(r.PersonId))).ToListAsync(ct);
        var memberships = await db.HouseholdMemberships.AsNoTracking().Where(m => circle.Contains(m.PersonId)).ToListAsync(ct);
        var homes = memberships.Where(m => m.PersonId == childId && m.IsCurrentOn(day)).Select(m => m.HouseholdId).ToHashSet();
        var livesWith = memberships.Where(m => homes.Contains(m.HouseholdId) && m.IsCurrentOn(day)).Select(m => m.PersonId).ToHashSet();
        var team = await ChildTeam.LoadAsync(db, childId, day, ct);

        var result = people
            .OrderByDescending(p => p.Id == childId).ThenBy(p => p.Kind == PersonKind.Adult ? 0 : 1).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new FamilyMemberWorkers(
                p.Id, p.DisplayName, p.Kind, Connection(p, childId, relationships, livesWith), p.Id != childId && livesWith.Contains(p.Id),
                [.. involvements.Where(i => i.PersonId == p.Id).OrderBy(i => i.From).Select(i =>
                {
                    var professional = i.ProfessionalId is { } id ? professionals.GetValueOrDefault(id) : null;
                    var agency = agencies.GetValueOrDefault(i.AgencyId);
                    return new Worker(i.ProfessionalId, professional?.Name, professional?.Email, i.AgencyId, agency?.Name ?? "an agency not on record",
                        agency?.Kind ?? AgencyKind.Other, i.Role, i.From, i.ProfessionalId is not null && i.ProfessionalId == team?.LeadProfessionalId);
                })]))
            .ToList();
        return new FamilyWorkers(childId, child.DisplayName, day, result);
    }

    private static string Connection(Person person, Guid childId, List<Relationship> relationships, HashSet<Guid> livesWith)
    {
        if (person.Id == childId) return "The child";
        var parts = new List<string>();
        var toChild = relationships.FirstOrDefault(r => r.PersonId == person.Id && r.RelatedPersonId == childId);
        var fromChild = relationships.FirstOrDefault(r => r.PersonId == childId && r.RelatedPersonId == person.Id);
        if (toChild is not null) parts.Add(toChild.Description ?? Labels.Of(toChild.Kind));
        else if (fromChild is { Kind: RelationshipKind.Sibling or RelationshipKind.HalfSibling }) parts.Add(Labels.Of(fromChild.Kind));
        parts.Add(livesWith.Contains(person.Id) ? "lives with the child" : "lives elsewhere");
        var text = string.Join(", ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private Task<Outcome<TeamChange>> ChangeAsync(Guid partnershipId, TeamChangeInput input, TeamChangeType type, CancellationToken ct) =>
        Writes.InTransactionAsync(db, chronology, () => ChangeInTransactionAsync(partnershipId, input, type, ct), ct);

    private async Task<Outcome<TeamChange>> ChangeInTransactionAsync(Guid partnershipId, TeamChangeInput input, TeamChangeType type, CancellationToken ct)
    {
        var p = new Problems();
        var child = input.ChildId is { } childId ? await db.People.AsNoTracking().FirstOrDefaultAsync(x => x.Id == childId && x.PartnershipId == partnershipId, ct) : null;
        if (input.ChildId is null) p.Add("childId", "Select the child");
        else if (child is null || !child.IsChild) p.Add("childId", "No such child in this partnership");

        Professional? professional = null;
        Agency? agency = null;
        if (input.ProfessionalId is { } professionalId)
        {
            professional = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == professionalId && x.PartnershipId == partnershipId, ct);
            if (professional is null) p.Add("professionalId", "No such professional in this partnership");
            else if (input.AgencyId is { } a && a != professional.AgencyId) p.Add("agencyId", $"{professional.Name} does not work for this agency");
        }
        var agencyId = professional?.AgencyId ?? input.AgencyId;
        if (agencyId is { } aid) agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == aid && x.PartnershipId == partnershipId, ct);
        if (input.ProfessionalId is null && input.AgencyId is null)
            p.Add("professionalId", type == TeamChangeType.Added ? "Select the professional or agency to add to the team" : "Select the professional or agency to remove from the team");
        else if (input.ProfessionalId is null && agency is null) p.Add("agencyId", "No such agency in this partnership");

        var name = professional is not null ? $"{professional.Name} ({agency?.Name})" : agency?.Name;
        if (type == TeamChangeType.Added) p.Required("role", input.Role, "Enter their role with the child, such as \"school nurse\" or \"father's probation officer\"");
        p.MaxLength("role", input.Role, 200, "The role");
        var who = name ?? "this person or agency";
        p.Required("reason", input.Reason, type == TeamChangeType.Added ? $"Enter why {who} is being added to the team" : $"Enter why {who} is being removed from the team");
        p.MaxLength("reason", input.Reason, 2000, "The reason");
        if (input.ByProfessionalId is not { } by) p.Add("byProfessionalId", "Select who is changing the team");
        else if (!await db.Professionals.AnyAsync(x => x.Id == by && x.PartnershipId == partnershipId, ct)) p.Add("byProfessionalId", "No such professional in this partnership");

        var sequence = 0;
        if (!p.Any)
        {
            var team = (await ChildTeam.LoadAsync(db, child!.Id, Today, ct))!;
            // Someone changed the team since the changer saw it: nothing is saved, and they look again. Two changes at
            // once that both read the same version are settled by the database (one child, one change per number).
            if (input.TeamVersion is { } seen && seen != team.Version)
                throw new WriteConflictException("Someone else changed the team around the child while you were working on it: nothing you sent was saved. Look at the team again and decide what to do.");
            sequence = team.Version + 1;
            var key = TeamMember.KeyOf(professional?.Id, agency!.Id);
            var member = team.Members.FirstOrDefault(m => m.Key == key);
            if (type == TeamChangeType.Added && member is not null) p.Add("professionalId", $"{name} is already in the team around the child");
            if (type == TeamChangeType.Removed && member is null) p.Add("professionalId", $"{name} is not in the team around the child");
            if (type == TeamChangeType.Removed && member is { IsLead: true })
                p.Add("professionalId", $"{name} is the lead professional and cannot be removed: record a new lead professional first");
        }
        if (p.Any) return Outcome<TeamChange>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        var change = new TeamChange
        {
            Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, ChildPersonId = child!.Id, ProfessionalId = professional?.Id, AgencyId = agency!.Id,
            Change = type, Role = type == TeamChangeType.Added ? input.Role!.Trim() : null, Reason = input.Reason!.Trim(), ByProfessionalId = input.ByProfessionalId!.Value, At = now,
            SequenceNumber = sequence,
        };
        // Saved before the decision entry, so that the team told of the change already includes (or excludes) them.
        db.TeamChanges.Add(change);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // A social worker added to the team ends the front door's wait for allocation (OpenContacts).
        await OpenContacts.RefreshAsync(db, [child.Id], ct);

        var decision = new DecisionRecorded
        {
            Topic = DecisionTopic.TeamMembership,
            Decision = type == TeamChangeType.Added ? $"{name} added to the team around the child as {change.Role}" : $"{name} removed from the team around the child",
            Rationale = change.Reason,
            AboutPersonId = child.Id,
        };
        var entry = await chronology.RecordAsync(partnershipId, Recording.Input(decision, change.ByProfessionalId, [child.Id], now, null), ct);
        if (!entry.Succeeded) return Outcome<TeamChange>.Refused(entry.Errors);
        await db.TeamChanges.Where(c => c.Id == change.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.EntryId, entry.Value!.Id), ct);
        change.EntryId = entry.Value!.Id;
        return Outcome<TeamChange>.Ok(change);
    }

    private DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow());
}
