using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>
/// A child whose team a fact would widen: the professionals (or agencies, by key) it would add, and whether it names a
/// new lead (<paramref name="Leads"/>: who leads after it, the lead professional and the lead social worker).
/// </summary>
public sealed record Widening(Guid ChildId, IReadOnlyList<string> NewMembers, bool NewLead, IReadOnlyList<Guid>? Leads = null)
{
    /// <summary>Whether the fact lets this professional in, or makes them lead.</summary>
    public bool Adds(Guid professionalId) => NewMembers.Contains(TeamMember.KeyOf(professionalId, Guid.Empty)) || (NewLead && Leads?.Contains(professionalId) == true);
}

/// <summary>What became of a write that can grant access: written, or waiting as a proposal for the child's lead.</summary>
public sealed record Granted<T>(Outcome<T>? Outcome, AccessProposal? Proposal)
{
    public bool Proposed => Proposal is not null;
}

/// <summary>The answer to a write that became a proposal: nothing has changed yet, and the lead has been told.</summary>
public sealed record ProposalResponse(Guid ProposalId, ProposalStatus Status, string Message)
{
    public const string Words = "This would give someone access to a child's record, which you cannot grant: it has been sent to the child's lead professional to accept or decline";

    public static ProposalResponse Of(AccessProposal p) => new(p.Id, p.Status, Words);
}

/// <summary>A proposal as its decider sees it.</summary>
public sealed record ProposalView(AccessProposal Proposal, string Child, string ProposedBy, bool MayDecide);

/// <summary>A proposal as the API shows it: what is proposed, by whom, and whether the caller may decide it.</summary>
public sealed record ProposalSummary(
    Guid Id, GrantKind Kind, Guid ChildId, string Child, string Summary, string ProposedBy, DateTimeOffset ProposedAt, ProposalStatus Status,
    DateTimeOffset? DecidedAt, string? DecisionReason, bool MayDecide)
{
    public static ProposalSummary Of(ProposalView v) => new(v.Proposal.Id, v.Proposal.Kind, v.Proposal.ChildPersonId, v.Child, v.Proposal.Summary, v.ProposedBy,
        v.Proposal.ProposedAt, v.Proposal.Status, v.Proposal.DecidedAt, v.Proposal.DecisionReason, v.MayDecide);
}

/// <summary>A lead's decision on a proposal.</summary>
public sealed record ProposalDecisionBody(Guid? ProposalId, bool? Accept, string? Reason);

/// <summary>
/// Facts that grant access need authority (docs/security.md, "Who may grant what"). An involvement, a household
/// membership, a parental relationship or a team addition is written at once when it widens no child's team, or
/// when the writer may grant access to every child whose team it widens (<see cref="AccessPolicy.MayGrant"/>);
/// otherwise nothing changes and it becomes an <see cref="AccessProposal"/> that the child's lead accepts or
/// declines, shown in the lead's inbox and on the child's team page. Widening is decided by the team itself
/// (<see cref="ChildTeam"/>): the write is tried inside a savepoint and the teams compared before and after.
/// </summary>
public sealed class AccessGrants(ChronicleDb db, ChildAccess access, CurrentUser currentUser, TimeProvider clock, RecordService record, IServiceProvider services)
{
    private DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow());

    /// <summary>
    /// Writes a fact that may grant access. <paramref name="people"/> are the people it is about (for a household,
    /// its members too): the children around them are the ones whose teams may change.
    /// </summary>
    /// <remarks>
    /// <paramref name="moved"/>: a child whose record the fact moves onto another (a merge: the merged child's history
    /// is the survivor's now). Whoever is in the survivor's team after it and was not in the moved child's before is let
    /// into that child's history, and needs authority over that child as it stood before.
    /// </remarks>
    public async Task<Granted<T>> WriteAsync<T>(GrantKind kind, IReadOnlyCollection<Guid> people, Func<Task<Outcome<T>>> write, Func<T, object> payload, Func<T, Task<string>> summary, CancellationToken ct,
        (Guid From, Guid To)? moved = null)
    {
        var user = await currentUser.RequireAsync(ct);
        var candidates = await CandidatesAsync(people, ct);
        if (moved is { } m) candidates.Add(m.To);
        var before = await TeamsAsync(candidates, ct);
        var movedBefore = moved is { } mv ? await access.ChildAsync(mv.From, ct) : null;

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var savepoint = $"grant_{Guid.NewGuid():N}";
        if (own is null) await db.Database.CurrentTransaction!.CreateSavepointAsync(savepoint, ct);
        try
        {
            var outcome = await write();
            if (!outcome.Succeeded)
            {
                await UndoAsync(own, savepoint, ct);
                return new Granted<T>(outcome, null);
            }
            var after = await TeamsAsync(candidates, ct);
            var widened = Compare(before, after);
            List<string> intoMoved = [];
            if (moved is { } into)
            {
                // Whoever put the survivor on record sees it as its team does (ChildAccessReader), and so the moved child's history.
                var makers = await db.People.AsNoTracking().Where(p => p.Id == into.From || p.Id == into.To).ToDictionaryAsync(p => p.Id, p => p.CreatedByProfessionalId, ct);
                var was = before.GetValueOrDefault(into.From, TeamShape.None).Members.ToHashSet();
                if (makers.GetValueOrDefault(into.From) is { } madeIt) was.Add(Key(madeIt, Guid.Empty));
                var now = after.GetValueOrDefault(into.To, TeamShape.None).Members.ToHashSet();
                if (makers.GetValueOrDefault(into.To) is { } maker) now.Add(Key(maker, Guid.Empty));
                intoMoved = [.. now.Where(x => !was.Contains(x)).Order(StringComparer.Ordinal)];
            }
            if (intoMoved.Count > 0)
            {
                var leads = new[] { movedBefore?.Facts.LeadProfessionalId, movedBefore?.Facts.LeadSocialWorkerId }.OfType<Guid>().Distinct().ToList();
                var w = new Widening(moved!.Value.From, intoMoved, false, leads);
                // First: a proposal waits for the moved child's lead.
                widened = [w, .. widened.Where(x => x.ChildId != w.ChildId)];
            }
            if (await MayGrantAllAsync(user, widened.Where(x => intoMoved.Count == 0 || x.ChildId != moved!.Value.From).ToList(), ct)
                && (intoMoved.Count == 0 || MayGrantMoved(user, movedBefore, widened[0])))
            {
                if (own is not null) await own.CommitAsync(ct);
                else await db.Database.CurrentTransaction!.ReleaseSavepointAsync(savepoint, ct);
                if (widened.Count > 0) access.Refresh();
                return new Granted<T>(outcome, null);
            }
            var fact = outcome.Value!;
            var words = await summary(fact);
            var body = payload(fact);
            // Nothing of the fact stays: it waits as a proposal, written in its place (in the request's transaction, if any).
            await UndoAsync(own, savepoint, ct);
            var proposal = Propose(user, kind, widened, body, words, null);
            await db.SaveChangesAsync(ct);
            return new Granted<T>(outcome, proposal);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Writes a fact that can take someone out of a child's team or change who leads it (an involvement ended). It is
    /// tried inside a savepoint and the teams compared: it stands when it changes no team's lead and takes nobody out
    /// but the writer (or their own agency, where no one of it is named), or when the writer may grant access to every
    /// child whose team or lead it changes, as the record stood before it. Otherwise nothing is written and it is refused.
    /// </summary>
    /// <remarks>
    /// <paramref name="days"/> are the days after today on which the fact's effect begins (the day after an
    /// involvement's new or former end): the teams are compared today and on each of them, so that an end dated ahead
    /// is judged by what it will do, and an end moved later by whom it brings back.
    /// </remarks>
    public async Task<Outcome<T>> WriteNarrowingAsync<T>(IReadOnlyCollection<Guid> people, IEnumerable<DateOnly> days, Func<Task<Outcome<T>>> write, FieldError refusal, CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        var candidates = await CandidatesAsync(people, ct);
        var on = days.Where(d => d > Today).Append(Today).Distinct().ToList();
        var before = new List<Dictionary<Guid, TeamShape>>();
        foreach (var day in on) before.Add(await TeamsAsync(candidates, ct, day));
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var savepoint = $"narrow_{Guid.NewGuid():N}";
        if (own is null) await db.Database.CurrentTransaction!.CreateSavepointAsync(savepoint, ct);
        try
        {
            var outcome = await write();
            if (!outcome.Succeeded)
            {
                await UndoAsync(own, savepoint, ct);
                return outcome;
            }
            var mine = new[] { user.Professional?.Id is { } me ? Key(me, Guid.Empty) : null, user.Agency?.Id is { } agency ? Key(null, agency) : null }.OfType<string>().ToHashSet();
            var changed = new List<Widening>();
            for (var i = 0; i < on.Count; i++)
                changed.AddRange(Changed(before[i], await TeamsAsync(candidates, ct, on[i]), mine).Where(c => changed.All(x => x.ChildId != c.ChildId)));
            if (await MayGrantAllAsync(user, changed, ct))
            {
                if (own is not null) await own.CommitAsync(ct);
                else await db.Database.CurrentTransaction!.ReleaseSavepointAsync(savepoint, ct);
                access.Refresh();
                return outcome;
            }
            await UndoAsync(own, savepoint, ct);
            return Outcome<T>.Refused([refusal]);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// The children whose teams may change with a fact about these people; their access facts are read now, so that
    /// the writer's authority is judged as the record stands before the fact, never by what the fact makes them.
    /// </summary>
    private async Task<HashSet<Guid>> CandidatesAsync(IEnumerable<Guid> people, CancellationToken ct, IEnumerable<Guid>? children = null)
    {
        var list = people.Distinct().ToList();
        var candidates = await Family.ChildrenConcernedAsync(db, list, ct);
        foreach (var p in list) if (await IsChildAsync(p, ct)) candidates.Add(p);
        candidates.UnionWith(children ?? []);
        foreach (var child in candidates) await access.FactsAsync(child, ct);
        return candidates;
    }

    private async Task UndoAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own, string savepoint, CancellationToken ct)
    {
        if (own is not null) await own.RollbackAsync(ct);
        else await db.Database.CurrentTransaction!.RollbackToSavepointAsync(savepoint, ct);
        db.ChangeTracker.Clear();
        // What was worked out about access while the write stood is forgotten with it.
        access.Refresh();
    }

    /// <summary>
    /// Adds someone to, or removes someone from, the team around a child. An addition the user may not grant waits
    /// as a proposal (checked for what is missing first, in the team service's words); a removal of anyone but the
    /// user or their own agency needs the same authority, and is refused without it.
    /// </summary>
    public async Task<Granted<TeamChange>> ChangeTeamAsync(Guid partnershipId, TeamChangeInput input, bool add, CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        var teams = services.GetRequiredService<TeamService>();
        if (input.ChildId is not { } childId) return new(Outcome<TeamChange>.Refused("childId", "Select the child"), null);
        if (add)
        {
            var widened = await WidenedByTeamAdditionAsync(childId, input.ProfessionalId, input.AgencyId, ct);
            if (widened.Count > 0 && !await MayGrantAllAsync(user, widened, ct))
            {
                var p = new Problems();
                p.Required("role", input.Role, "Enter their role with the child, such as \"school nurse\" or \"father's probation officer\"");
                p.MaxLength("role", input.Role, 200, "The role");
                p.Required("reason", input.Reason, "Enter why they are being added to the team");
                p.MaxLength("reason", input.Reason, 2000, "The reason");
                if (p.Any) return new(Outcome<TeamChange>.Refused(p.Errors), null);
                var who = input.ProfessionalId is { } pid
                    ? await db.Professionals.AsNoTracking().Where(x => x.Id == pid).Select(x => x.Name).FirstAsync(ct)
                    : await db.Agencies.AsNoTracking().Where(a => a.Id == input.AgencyId).Select(a => a.Name).FirstAsync(ct);
                var child = await db.People.AsNoTracking().FirstAsync(x => x.Id == childId, ct);
                var proposal = Propose(user, GrantKind.TeamAddition, widened, input with { ByProfessionalId = user.Professional!.Id },
                    $"{who} to join the team around {child.DisplayName} as {input.Role!.Trim()}: {input.Reason!.Trim()}", null);
                await db.SaveChangesAsync(ct);
                return new(null, proposal);
            }
            var added = await teams.AddAsync(partnershipId, input, ct);
            if (added.Succeeded) access.Refresh();
            return new(added, null);
        }
        Guid? agencyOf = input.ProfessionalId is { } professional
            ? await db.Professionals.AsNoTracking().Where(x => x.Id == professional).Select(x => (Guid?)x.AgencyId).FirstOrDefaultAsync(ct)
            : input.AgencyId;
        var ownWork = (input.ProfessionalId is not null && input.ProfessionalId == user.Professional?.Id)
            || (input.ProfessionalId is null && agencyOf is not null && agencyOf == user.Agency?.Id);
        if (!ownWork && !await MayGrantAllAsync(user, [new Widening(childId, [], false)], ct))
            return new(Outcome<TeamChange>.Refused("professionalId",
                "Only the lead professional or the manager of the lead's team can remove someone else from the team: you can remove yourself, or your own agency"), null);
        var removed = await teams.RemoveAsync(partnershipId, input, ct);
        if (removed.Succeeded) access.Refresh();
        return new(removed, null);
    }

    /// <summary>For a team addition, which needs no trial: the child's team gains the member unless they are in it already.</summary>
    public async Task<IReadOnlyList<Widening>> WidenedByTeamAdditionAsync(Guid childId, Guid? professionalId, Guid? agencyId, CancellationToken ct)
    {
        var team = await ChildTeam.LoadAsync(db, childId, Today, ct);
        if (team is null) return [];
        Guid? agency = professionalId is { } p ? await db.Professionals.AsNoTracking().Where(x => x.Id == p).Select(x => (Guid?)x.AgencyId).FirstOrDefaultAsync(ct) : agencyId;
        if (agency is null) return [];
        var key = TeamMember.KeyOf(professionalId, agency.Value);
        return team.Members.Any(m => m.Key == key) ? [] : [new Widening(childId, [Key(professionalId, agency.Value)], false)];
    }

    /// <summary>
    /// For a household-change "joined", inside the entry's transaction: the children who would live with the joiner
    /// gain the joiner's professionals, and a child who joins gains those of the adults in the household.
    /// </summary>
    public async Task<IReadOnlyList<Widening>> WidenedByJoiningAsync(Guid personId, Guid householdId, CancellationToken ct)
    {
        var today = Today;
        var housemates = (await db.HouseholdMemberships.AsNoTracking().Where(m => m.HouseholdId == householdId && m.PersonId != personId).ToListAsync(ct))
            .Where(m => m.IsCurrentOn(today)).Select(m => m.PersonId).Distinct().ToList();
        var kinds = await db.People.AsNoTracking().Where(p => housemates.Contains(p.Id) || p.Id == personId).ToDictionaryAsync(p => p.Id, p => p.Kind, ct);
        var joinerIsAdult = kinds.GetValueOrDefault(personId) == PersonKind.Adult;
        var widened = new List<Widening>();
        async Task CompareAsync(Guid child, IReadOnlyCollection<Guid> newcomers)
        {
            var team = await ChildTeam.LoadAsync(db, child, today, ct);
            if (team is null) return;
            var keys = (await db.Involvements.AsNoTracking().Where(i => newcomers.Contains(i.PersonId)).ToListAsync(ct))
                .Where(i => i.IsActiveOn(today)).Select(i => Key(i.ProfessionalId, i.AgencyId)).Distinct()
                .Where(k => team.Members.All(m => Key(m.ProfessionalId, m.AgencyId) != k)).ToList();
            if (keys.Count > 0) widened.Add(new Widening(child, keys, false));
        }
        if (joinerIsAdult)
            foreach (var child in housemates.Where(h => kinds.GetValueOrDefault(h) != PersonKind.Adult)) await CompareAsync(child, [personId]);
        else
            await CompareAsync(personId, [.. housemates.Where(h => kinds.GetValueOrDefault(h) == PersonKind.Adult)]);
        return widened;
    }

    /// <summary>Whether the signed-in user may grant every one of these widenings (none needs no authority).</summary>
    public async Task<bool> MayGrantAllAsync(IReadOnlyCollection<Widening> widened, CancellationToken ct) =>
        await MayGrantAllAsync(await currentUser.RequireAsync(ct), widened, ct);

    /// <summary>Whether the user may let these people into a moved child's history, by the child's access as it stood before the fact.</summary>
    private static bool MayGrantMoved(SignedInUser user, VisibleChild? before, Widening w)
    {
        if (before is null) return false;
        var grantee = user.Viewer.ProfessionalId is { } me && w.Adds(me) ? me : (Guid?)null;
        return AccessPolicy.MayGrant(user.Viewer, before.Basis, before.Facts, grantee) != GrantAuthority.None;
    }

    private async Task<bool> MayGrantAllAsync(SignedInUser user, IReadOnlyCollection<Widening> widened, CancellationToken ct)
    {
        foreach (var w in widened)
        {
            var child = await access.ChildAsync(w.ChildId, ct);
            var facts = child?.Facts ?? await access.FactsAsync(w.ChildId, ct);
            if (facts is null) return false;
            var me = user.Viewer.ProfessionalId;
            var grantee = me is { } m && w.Adds(m) ? m : (Guid?)null;
            if (AccessPolicy.MayGrant(user.Viewer, child?.Basis ?? AccessBasis.None, facts, grantee) == GrantAuthority.None) return false;
        }
        return true;
    }

    /// <summary>Adds a proposal to the context (saved with the caller's write) and returns it.</summary>
    public AccessProposal Propose(SignedInUser user, GrantKind kind, IReadOnlyList<Widening> widened, object payload, string summary, Guid? entryId)
    {
        var now = clock.GetUtcNow();
        var proposal = new AccessProposal
        {
            Id = Guid.CreateVersion7(now),
            PartnershipId = user.Account.PartnershipId,
            Kind = kind,
            ChildPersonId = widened[0].ChildId,
            Children = string.Join(',', widened.Select(w => w.ChildId).Distinct()),
            Payload = JsonSerializer.Serialize(payload, ChronicleJson.Options),
            Summary = summary,
            ProposedByProfessionalId = user.Professional!.Id,
            ProposedAt = now,
            Status = ProposalStatus.Proposed,
            EntryId = entryId,
        };
        db.AccessProposals.Add(proposal);
        return proposal;
    }

    /// <summary>The proposals waiting for the signed-in user's decision: on children they may grant access to.</summary>
    public async Task<IReadOnlyList<ProposalView>> AwaitingMeAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user?.Professional is null || !user.WorksWithChildren) return [];
        var open = await db.AccessProposals.AsNoTracking().Where(p => p.PartnershipId == user.Account.PartnershipId && p.Status == ProposalStatus.Proposed)
            .OrderBy(p => p.ProposedAt).ToListAsync(ct);
        var views = new List<ProposalView>();
        foreach (var proposal in open)
            if (await access.ChildAsync(proposal.ChildPersonId, ct) is not null && await MayDecideAsync(user, proposal, ct))
                views.Add(await ViewAsync(proposal, true, ct));
        return views;
    }

    /// <summary>The proposals about a child the user may see, newest first, and whether the user may decide each.</summary>
    public async Task<IReadOnlyList<ProposalView>> ForChildAsync(Guid childId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || await access.ChildAsync(childId, ct) is null) return [];
        var list = await db.AccessProposals.AsNoTracking().Where(p => p.PartnershipId == user.Account.PartnershipId && p.ChildPersonId == childId)
            .OrderByDescending(p => p.ProposedAt).ToListAsync(ct);
        var views = new List<ProposalView>();
        foreach (var proposal in list)
            views.Add(await ViewAsync(proposal, proposal.Status == ProposalStatus.Proposed && await MayDecideAsync(user, proposal, ct), ct));
        return views;
    }

    private async Task<ProposalView> ViewAsync(AccessProposal p, bool mayDecide, CancellationToken ct)
    {
        var child = await db.People.AsNoTracking().Where(x => x.Id == p.ChildPersonId).Select(x => new { x.KnownAs, x.GivenName, x.FamilyName }).FirstAsync(ct);
        var by = await db.Professionals.AsNoTracking().Where(x => x.Id == p.ProposedByProfessionalId).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return new ProposalView(p, new Person { KnownAs = child.KnownAs, GivenName = child.GivenName, FamilyName = child.FamilyName }.DisplayName, by ?? "someone", mayDecide);
    }

    private async Task<bool> MayDecideAsync(SignedInUser user, AccessProposal proposal, CancellationToken ct)
    {
        // The proposer never decides their own proposal, whatever else they are.
        if (user.Professional?.Id == proposal.ProposedByProfessionalId) return false;
        var grantee = GranteeOf(proposal);
        var widened = proposal.ChildIds.Select(c => new Widening(c, grantee is { } g ? [Key(g, Guid.Empty)] : [], false)).ToList();
        return await MayGrantAllAsync(user, widened, ct);
    }

    /// <summary>The professional a proposal would let in, where it names one.</summary>
    private static Guid? GranteeOf(AccessProposal proposal)
    {
        using var doc = JsonDocument.Parse(proposal.Payload);
        return doc.RootElement.TryGetProperty("professionalId", out var p) && p.ValueKind == JsonValueKind.String && p.TryGetGuid(out var id) ? id : null;
    }

    private const string DecidedMeanwhile = "Someone else decided this proposal while you were looking at it: nothing you sent was saved. Look at the proposal again";

    /// <summary>
    /// Accepts (writing the fact, as the decider) or declines a proposal about this child, once: a decision that loses a
    /// race with another is a <see cref="WriteConflictException"/>, and nothing of it (the fact included) is kept.
    /// </summary>
    public async Task<Outcome<AccessProposal>> DecideAsync(Guid childId, Guid? proposalId, bool accept, string? reason, CancellationToken ct = default)
    {
        var user = await currentUser.RequireAsync(ct);
        var proposal = proposalId is { } id
            ? await db.AccessProposals.FirstOrDefaultAsync(p => p.Id == id && p.PartnershipId == user.Account.PartnershipId && p.ChildPersonId == childId, ct)
            : null;
        if (proposal is null) return Outcome<AccessProposal>.Refused("proposalId", "There is no such proposal for this child");
        if (proposal.Status != ProposalStatus.Proposed) return Outcome<AccessProposal>.Refused("proposalId", "This proposal has already been decided");
        if (!await MayDecideAsync(user, proposal, ct))
            return Outcome<AccessProposal>.Refused("proposalId", "Only the child's lead professional or the manager of the lead's team can decide this, and never the person who proposed it");
        if (!accept && string.IsNullOrWhiteSpace(reason)) return Outcome<AccessProposal>.Refused("reason", "Enter why the proposal is declined");
        var me = user.Professional!.Id;
        // The fact and the decision are one write: in the request's transaction, or in one of this decision's own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (accept)
            {
                var applied = await ApplyWithinAuthorityAsync(user, proposal, me, ct);
                if (!applied.Succeeded) return Outcome<AccessProposal>.Refused(applied.Errors);
                proposal = await db.AccessProposals.FirstAsync(p => p.Id == proposal.Id, ct);
                if (proposal.Status != ProposalStatus.Proposed) throw new WriteConflictException(DecidedMeanwhile);
            }
            // Saved only while the proposal is still undecided (Status is a concurrency token): the status read before
            // this transaction may be stale, and a second decision must never be written over the first.
            proposal.Status = accept ? ProposalStatus.Accepted : ProposalStatus.Declined;
            proposal.DecidedByProfessionalId = me;
            proposal.DecidedAt = clock.GetUtcNow();
            proposal.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException e)
            {
                throw new WriteConflictException(DecidedMeanwhile, e);
            }
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        if (own is not null) await services.GetRequiredService<ChronologyService>().RunWrittenWorkAsync(ct);
        await access.NoteWriteAboutAsync(proposal.ChildIds, ct);
        access.Refresh();
        return Outcome<AccessProposal>.Ok(proposal);
    }

    /// <summary>
    /// Applies an accepted proposal as the decider, tried again as it stands now: the record may have changed since it
    /// was proposed (the person moved in with another child, a new child was born), so the fact is written inside a
    /// savepoint and the teams compared, and if it would now widen the team of a child the decider may not grant
    /// access to, nothing is written and the decider is told to ask for a new proposal.
    /// </summary>
    private async Task<Outcome<bool>> ApplyWithinAuthorityAsync(SignedInUser user, AccessProposal proposal, Guid decider, CancellationToken ct)
    {
        var people = await PeopleOfAsync(proposal, ct);
        var candidates = await CandidatesAsync(people, ct, proposal.ChildIds);
        var before = await TeamsAsync(candidates, ct);
        var savepoint = $"accept_{Guid.NewGuid():N}";
        await db.Database.CurrentTransaction!.CreateSavepointAsync(savepoint, ct);
        var applied = await ApplyAsync(proposal, decider, ct);
        if (applied.Succeeded)
        {
            var widened = Compare(before, await TeamsAsync(candidates, ct));
            if (await MayGrantAllAsync(user, widened, ct))
            {
                await db.Database.CurrentTransaction!.ReleaseSavepointAsync(savepoint, ct);
                return applied;
            }
            applied = Outcome<bool>.Refused("proposalId",
                "The record has changed since this was proposed: accepting it now would also give access to a child whose access you cannot grant. Nothing was changed: decline it, and ask for it to be proposed again");
        }
        await db.Database.CurrentTransaction!.RollbackToSavepointAsync(savepoint, ct);
        db.ChangeTracker.Clear();
        return applied;
    }

    /// <summary>The people a proposal's fact is about (for a household, its members too): the children around them are those whose teams it may change.</summary>
    private async Task<IReadOnlyList<Guid>> PeopleOfAsync(AccessProposal proposal, CancellationToken ct)
    {
        switch (proposal.Kind)
        {
            case GrantKind.Involvement:
                return Read<InvolvementInput>(proposal).PersonId is { } person ? [person] : [];
            case GrantKind.Relationship:
                var tie = Read<RelationshipInput>(proposal);
                return [.. new[] { tie.PersonId, tie.RelatedPersonId }.OfType<Guid>()];
            case GrantKind.HouseholdMembership when proposal.Payload.Contains("\"members\"", StringComparison.Ordinal):
                return [.. (Read<HouseholdInput>(proposal).Members ?? []).Select(m => m?.PersonId).OfType<Guid>()];
            case GrantKind.HouseholdMembership:
                var member = Read<MembershipPayload>(proposal);
                var housemates = await db.HouseholdMemberships.AsNoTracking().Where(m => m.HouseholdId == member.HouseholdId).Select(m => m.PersonId).Distinct().ToListAsync(ct);
                return [member.PersonId, .. housemates];
            case GrantKind.TeamAddition:
                return Read<TeamChangeInput>(proposal).ChildId is { } child ? [child] : [];
            case GrantKind.Merge:
                var merge = Read<Identity.MergeInput>(proposal);
                return [.. new[] { merge.SurvivorPersonId, merge.MergedPersonId }.OfType<Guid>()];
            case GrantKind.Unmerge:
                var mergeId = Read<Identity.UnmergeInput>(proposal).MergeId;
                var merged = await db.Set<Core.Identity.PersonMerge>().AsNoTracking().Where(m => m.Id == mergeId && m.PartnershipId == proposal.PartnershipId)
                    .Select(m => new { m.SurvivorPersonId, m.MergedPersonId }).FirstOrDefaultAsync(ct);
                return merged is null ? [] : [merged.SurvivorPersonId, merged.MergedPersonId];
            default:
                // Every kind of proposal must say whom it is about, or acceptance could not try its widening again.
                throw new InvalidOperationException($"No people are known for a proposal of kind {proposal.Kind}");
        }
    }

    private async Task<Outcome<bool>> ApplyAsync(AccessProposal proposal, Guid decider, CancellationToken ct)
    {
        var partnershipId = proposal.PartnershipId;
        static Outcome<bool> Done<T>(Outcome<T> o) => o.Succeeded ? Outcome<bool>.Ok(true) : Outcome<bool>.Refused(o.Errors);
        switch (proposal.Kind)
        {
            case GrantKind.Involvement:
                return Done(await record.AddInvolvementAsync(partnershipId, Read<InvolvementInput>(proposal), ct));
            case GrantKind.Relationship:
                return Done(await record.AddRelationshipAsync(partnershipId, Read<RelationshipInput>(proposal), ct));
            case GrantKind.HouseholdMembership when proposal.Payload.Contains("\"members\"", StringComparison.Ordinal):
                return Done(await record.CreateHouseholdAsync(partnershipId, Read<HouseholdInput>(proposal), ct));
            case GrantKind.HouseholdMembership:
                var member = Read<MembershipPayload>(proposal);
                return Done(await record.AddHouseholdMemberAsync(partnershipId, member.HouseholdId, new MemberInput(member.PersonId, member.From, member.To, member.ReportedByAgencyId), ct));
            case GrantKind.TeamAddition:
                var change = Read<TeamChangeInput>(proposal);
                var by = await db.Professionals.AsNoTracking().Where(p => p.Id == proposal.ProposedByProfessionalId).Select(p => p.Name).FirstOrDefaultAsync(ct);
                var teams = services.GetRequiredService<TeamService>();
                // The version the proposer saw is long past: the decider's acceptance is a change of its own.
                return Done(await teams.AddAsync(partnershipId, change with { ByProfessionalId = decider, Reason = $"{change.Reason} (proposed by {by})", TeamVersion = null }, ct));
            case GrantKind.Merge:
                var merge = Read<Identity.MergeInput>(proposal);
                return Done(await services.GetRequiredService<Core.Identity.MergeService>().MergeAsync(partnershipId, merge.SurvivorPersonId!.Value, merge.MergedPersonId!.Value, merge.Reason, decider, ct));
            case GrantKind.Unmerge:
                var unmerge = Read<Identity.UnmergeInput>(proposal);
                return Done(await services.GetRequiredService<Core.Identity.MergeService>().UnmergeAsync(partnershipId, unmerge.MergeId!.Value, unmerge.Reason, decider, ct));
            default:
                return Outcome<bool>.Refused("proposalId", "This proposal cannot be applied");
        }
    }

    private static T Read<T>(AccessProposal proposal) => JsonSerializer.Deserialize<T>(proposal.Payload, ChronicleJson.Options)!;

    /// <summary>A child's team as a grant changes it: its members by key, its lead professional and its lead social worker.</summary>
    private sealed record TeamShape(HashSet<string> Members, Guid? Lead, Guid? LeadSocialWorker)
    {
        public static readonly TeamShape None = new([], null, null);

        /// <summary>Whether who leads changed: the lead professional or the lead social worker, each of whom may grant access.</summary>
        public bool LeadsDifferFrom(TeamShape other) => Lead != other.Lead || LeadSocialWorker != other.LeadSocialWorker;

        public IReadOnlyList<Guid> Leads => [.. new[] { Lead, LeadSocialWorker }.OfType<Guid>()];
    }

    /// <summary>Each child's team today (or on the day given), every child's read together.</summary>
    private async Task<Dictionary<Guid, TeamShape>> TeamsAsync(IEnumerable<Guid> children, CancellationToken ct, DateOnly? on = null) =>
        (await ChildTeam.LoadManyAsync(db, [.. children.Distinct()], on ?? Today, ct)).ToDictionary(t => t.Key,
            t => new TeamShape([.. t.Value.Members.Select(m => Key(m.ProfessionalId, m.AgencyId))], t.Value.LeadProfessionalId, t.Value.LeadSocialWorkerId));

    /// <summary>The children whose team gains someone, or whose lead professional or lead social worker becomes someone else.</summary>
    private static List<Widening> Compare(Dictionary<Guid, TeamShape> before, Dictionary<Guid, TeamShape> after)
    {
        var widened = new List<Widening>();
        foreach (var (child, now) in after)
        {
            var was = before.GetValueOrDefault(child, TeamShape.None);
            var added = now.Members.Where(m => !was.Members.Contains(m)).ToList();
            var newLead = (now.Lead is not null || now.LeadSocialWorker is not null) && now.LeadsDifferFrom(was);
            if (added.Count > 0 || newLead) widened.Add(new Widening(child, added, newLead, now.Leads));
        }
        return widened;
    }

    /// <summary>
    /// The children whose team a fact changed beyond taking out one of <paramref name="mine"/> (the writer, their
    /// agency): someone else gone or come, or the lead professional or lead social worker changed (to nobody, too).
    /// </summary>
    private static List<Widening> Changed(Dictionary<Guid, TeamShape> before, Dictionary<Guid, TeamShape> after, IReadOnlySet<string> mine)
    {
        var changed = new List<Widening>();
        foreach (var child in before.Keys.Union(after.Keys))
        {
            var was = before.GetValueOrDefault(child, TeamShape.None);
            var now = after.GetValueOrDefault(child, TeamShape.None);
            var added = now.Members.Where(m => !was.Members.Contains(m)).ToList();
            var othersGone = was.Members.Any(m => !now.Members.Contains(m) && !mine.Contains(m));
            if (added.Count > 0 || othersGone || now.LeadsDifferFrom(was)) changed.Add(new Widening(child, added, now.LeadsDifferFrom(was), now.Leads));
        }
        return changed;
    }

    private async Task<bool> IsChildAsync(Guid personId, CancellationToken ct) =>
        await db.People.AsNoTracking().AnyAsync(p => p.Id == personId && p.Kind != PersonKind.Adult, ct);

    /// <summary>A member's key for comparing teams: a professional by id alone, an agency with no named professional by the agency.</summary>
    private static string Key(Guid? professionalId, Guid agencyId) => TeamMember.KeyOf(professionalId, professionalId is null ? agencyId : Guid.Empty);
}

/// <summary>A household membership as a proposal keeps it.</summary>
public sealed record MembershipPayload(Guid HouseholdId, Guid PersonId, DateOnly? From, DateOnly? To, Guid? ReportedByAgencyId);

/// <summary>
/// The web app's <see cref="IRecordGate"/>: every id a chronology write names is checked for the signed-in user with
/// the rule the pages use (<see cref="ChildAccess"/>), and a household join that would widen a child's team without
/// the writer's authority waits as a proposal. The children the write touches are kept for the audit.
/// </summary>
public sealed class RecordGate(ChildAccess access, CurrentUser currentUser, AccessGrants grants, ChronicleDb db) : IRecordGate
{
    private IReadOnlySet<Guid>? _systemMayName;

    /// <summary>
    /// For a write the service makes from something the user was already allowed to act on, naming ids the user did
    /// not give (an acknowledgement of one's own notification names the entry that shared it and the child it was
    /// sent for, which a recipient outside the team may not see): exactly these ids pass as the service's; any other
    /// id the write names is still asked of the user's access, as every write's is. Used by name where it applies.
    /// </summary>
    public IDisposable OnBehalfOfSystem(IReadOnlyCollection<Guid> mayName)
    {
        var before = _systemMayName;
        _systemMayName = mayName.ToHashSet();
        return new Release(() => _systemMayName = before);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public async Task<IReadOnlySet<Guid>> HiddenAsync(IReadOnlyCollection<Reference> references, CancellationToken ct)
    {
        var hidden = new HashSet<Guid>();
        // Without a signed-in user this is the system (replay, the sweep, observers), which names what the user's write already named.
        if (await currentUser.GetAsync(ct) is null) return hidden;
        var touched = new HashSet<Guid>();
        foreach (var reference in references.DistinctBy(r => (r.Target, r.Id)).Where(r => _systemMayName?.Contains(r.Id) != true))
        {
            switch (reference.Target)
            {
                case ReferenceTarget.Person:
                    if (await access.MaySeePersonAsync(reference.Id, ct)) touched.Add(reference.Id); else hidden.Add(reference.Id);
                    break;
                case ReferenceTarget.Entry:
                    if (await access.VisibleEntryAsync(reference.Id, ct) is null) hidden.Add(reference.Id);
                    break;
                case ReferenceTarget.Household:
                    if (await access.MaySeeHouseholdAsync(reference.Id, ct))
                        touched.UnionWith(await db.HouseholdMemberships.AsNoTracking().Where(m => m.HouseholdId == reference.Id).Select(m => m.PersonId).ToListAsync(ct));
                    else hidden.Add(reference.Id);
                    break;
                default:
                    // Professionals and agencies are the directory, which everyone signed in reads.
                    break;
            }
        }
        // The subjects say whom the write is about (a replay needs them still visible); the rest it only touches.
        var subjects = references.Where(r => r.Target == ReferenceTarget.Person && r.Path.StartsWith("subjects[", StringComparison.Ordinal) && touched.Contains(r.Id))
            .Select(r => r.Id).Distinct().ToList();
        if (hidden.Count == 0 && touched.Count > 0) await access.NoteWriteAsync(touched, subjects, ct);
        return hidden;
    }

    public async Task<FieldError?> RefusedAsync(EntryDetails details, Professional recorder, bool byItsService, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is null) return null;
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == recorder.AgencyId).Select(a => (AgencyKind?)a.Kind).FirstOrDefaultAsync(ct);
        if (Core.Casework.StatutoryWork.Refusal(details, recorder.AgencyId, agency) is { } refused) return refused;
        if (!byItsService && details is CaseClosure) return new FieldError("kind", Core.Casework.StatutoryWork.ClosureThroughItsPage);
        // A meeting arranged here is recorded held through it, which asks who records it and from when, and marks it held.
        if (!byItsService && details is MeetingHeld { ScheduledEntryId: { } scheduled }
            && await db.Meetings.AnyAsync(m => m.ScheduledEntryId == scheduled && m.Status == Core.Meetings.MeetingStatus.Scheduled, ct))
            return new FieldError("details.scheduledEntryId", Core.Meetings.MeetingService.HeldThroughItsMeeting);
        if (!byItsService && details is MeetingChanged { ScheduledEntryId: { } changed } && await db.Meetings.AnyAsync(m => m.ScheduledEntryId == changed, ct))
            return new FieldError("details.scheduledEntryId", Core.Meetings.MeetingService.ChangedThroughItsMeeting);
        var named = Core.Casework.StatutoryWork.ProfessionalsNamed(details);
        if (named.Count == 0) return null;
        var professionals = await db.Professionals.AsNoTracking().Where(p => named.Contains(p.Id) && p.PartnershipId == recorder.PartnershipId).ToDictionaryAsync(p => p.Id, ct);
        return Core.Casework.StatutoryWork.Refusal(details, recorder, professionals);
    }

    public async Task<bool> MayAllocateAsync(Guid professionalId, IReadOnlyCollection<Guid> subjects, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is null) return true;
        var widened = new List<Widening>();
        foreach (var subject in subjects.Distinct()) widened.AddRange(await grants.WidenedByTeamAdditionAsync(subject, professionalId, null, ct));
        return widened.Count == 0 || await grants.MayGrantAllAsync(widened, ct);
    }

    public async Task<bool> MayJoinHouseholdAsync(ChronologyEntry entry, HouseholdChange change, Guid householdId, CancellationToken ct)
    {
        if (await currentUser.GetAsync(ct) is not { } user) return true;
        var widened = await grants.WidenedByJoiningAsync(change.PersonId, householdId, ct);
        if (widened.Count == 0 || await grants.MayGrantAllAsync(widened, ct)) return true;
        var person = await db.People.AsNoTracking().Where(p => p.Id == change.PersonId).Select(p => new { p.KnownAs, p.GivenName, p.FamilyName }).FirstAsync(ct);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => h.Name).FirstAsync(ct);
        var name = new Person { KnownAs = person.KnownAs, GivenName = person.GivenName, FamilyName = person.FamilyName }.DisplayName;
        grants.Propose(user, GrantKind.HouseholdMembership, widened,
            new MembershipPayload(householdId, change.PersonId, WorkingDayCalendar.UkDate(entry.When), null, entry.RecordedByAgencyId),
            $"{name} joined the household {household} (recorded in a household-change entry)", entry.Id);
        return false;
    }
}

/// <summary>How the API answers a write that can grant access: 201 when written, 202 with the proposal when it waits for the lead, 400 when refused.</summary>
public static class GrantResults
{
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Created<TResponse>, Microsoft.AspNetCore.Http.HttpResults.Accepted<ProposalResponse>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>
        Of<T, TResponse>(Granted<T> granted, Func<T, string> location, Func<T, TResponse> response) =>
        granted.Proposal is { } proposal ? TypedResults.Accepted((string?)null, ProposalResponse.Of(proposal))
        : granted.Outcome!.Succeeded ? TypedResults.Created(location(granted.Outcome.Value!), response(granted.Outcome.Value!))
        : Api.ApiResults.Refused(granted.Outcome.Errors);
}
