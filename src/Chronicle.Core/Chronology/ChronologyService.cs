using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Chronology;

/// <summary>
/// Told after an entry is written: safeguards re-evaluate, the team is notified. The entry's transaction records the
/// work for each observer (<see cref="ObserverWork"/>); the observer runs after the commit, in a transaction of its own.
/// </summary>
public interface IChronologyObserver
{
    Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct);

    /// <summary>The name of this observer's work in observer_work: stable across releases.</summary>
    string Work => GetType().Name;
}

/// <summary>
/// An observer whose work for several entries is done in one run: after the other observers' work that the same
/// write left (so it sees what they wrote, such as a share), for every entry of that write and of what they wrote at
/// once. The safeguards are one: each child the entries concern is evaluated once, not once for each entry.
/// </summary>
public interface IBatchedObserver : IChronologyObserver
{
    Task OnRecordedAsync(ChronicleDb db, IReadOnlyList<ChronologyEntry> entries, CancellationToken ct);
}

/// <summary>
/// Appends entries to the chronology and corrects them by supersession. Every write is checked whole before
/// anything is saved, and saved in one transaction with its effects on the record (a new address, a household
/// change, a birth), so a refused or failed write leaves nothing behind.
/// </summary>
public sealed class ChronologyService(ChronicleDb db, TimeProvider clock, IEnumerable<IChronologyObserver> observers, IRecordGate? gate = null)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private const int MaxNarrative = 20_000;

    /// <summary>
    /// Whether what a signed-in writer may do is asked (the web app's gate); without one (a replay, the observers) what
    /// happened is recorded as it happened.
    /// </summary>
    public bool AsksTheWriter => gate is not null;

    public Task<Outcome<ChronologyEntry>> RecordAsync(Guid partnershipId, EntryInput input, CancellationToken ct = default) =>
        WriteAsync(partnershipId, input, null, ct);

    /// <summary>
    /// An entry that gives an action an owner gives them work on every child the action is about (a medical's, a
    /// strategy discussion's, a meeting's, a supervision's actions; a plan's items, in a draft as when it starts): each
    /// owner must be someone who may open the record of each of those children, or the entry is refused naming the item,
    /// the owner and the child. A correction is checked for the owners it gives anew (a plan's review, minutes
    /// corrected) and for every item a draft plan becomes an action of, and for every owner when it changes whom the entry is
    /// about (its open actions follow it); the new owner is then told (<see cref="ActionTracker"/>).
    /// The children and the owners are read once, whatever their number; a child the writer may not see is never named.
    /// Only a signed-in writer's entry is checked (a replay records what happened). The recorder is asked too: someone
    /// who reads the record through emergency access may record what they did, but does not take on the child's work.
    /// </summary>
    /// <summary>
    /// Whether a moment known this precisely is after now: a day, month or year is after now only if it starts after
    /// today, this month or this year (a visit recorded at eight for "today" is stored at nine, as every day is); an
    /// exact moment allows a few minutes for the writer's clock.
    /// </summary>
    private static bool After(DateTimeOffset occurred, DatePrecision precision, DateTimeOffset now)
    {
        DateOnly day = WorkingDayCalendar.UkDate(occurred), today = WorkingDayCalendar.UkDate(now);
        return precision switch
        {
            DatePrecision.Day => day > today,
            DatePrecision.Month => (day.Year, day.Month).CompareTo((today.Year, today.Month)) > 0,
            DatePrecision.Year => day.Year > today.Year,
            _ => occurred > now + ClockSkew,
        };
    }

    /// <summary>
    /// An absence counts as covered (SG-20 then sees no drift) only if the cover can do the work: they must be someone
    /// who may open the record of each child the absence is about, or it is refused naming them, as an action's owner is.
    /// Asked of a signed-in writer's entry and of a correction that names another cover; a replay records what happened.
    /// </summary>
    private async Task CheckCoverAsync(ChronologyEntry? original, Guid cover, IReadOnlyList<Guid> subjects, DateTimeOffset now, Problems problems, CancellationToken ct)
    {
        if (gate is null && original is null) return;
        if (original is not null && DetailsReader.ReadStored(original.Kind, original.Details) is StaffAbsence { CoveredByProfessionalId: { } before } && before == cover
            && (await db.EntrySubjects.AsNoTracking().Where(x => x.EntryId == original.Id).Select(x => x.PersonId).ToListAsync(ct)).ToHashSet().SetEquals(subjects)) return;
        var blindTo = (await StaffCover.ChildrenBlindToAsync(db, subjects, [cover], now, ct))[cover];
        if (blindTo.Count == 0) return;
        var unseen = await HiddenAsync([.. blindTo.Select((c, i) => new Reference($"children[{i}]", ReferenceTarget.Person, c))], ct);
        var people = await db.People.AsNoTracking().Where(p => blindTo.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var name = await db.Professionals.AsNoTracking().Where(p => p.Id == cover).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "The cover";
        var named = blindTo.Where(c => !unseen.Contains(c)).Select(c => people.GetValueOrDefault(c, "the child")).ToList();
        problems.Add("details.coveredByProfessionalId", $"{ActionService.CannotOpen(name, named, blindTo.Count)}, or choose a cover who can");
    }

    private async Task CheckOwnersAsync(ChronologyEntry? original, EntryDetails details, IReadOnlyList<Guid> subjects, Guid recorder, EntryReach reach, DateTimeOffset now, Problems problems, CancellationToken ct)
    {
        // A new entry without a signed-in writer (a replay of what was recorded, the observers) is not refused, as for
        // the statutory work (IRecordGate.RefusedAsync): what happened is recorded as it happened. A correction always is.
        if (gate is null && original is null) return;
        var items = ActionTracker.OwnedItemsOf(details);
        var before = original is null ? [] : ActionTracker.ActionsOf(DetailsReader.ReadStored(original.Kind, original.Details));
        // A correction about other people moves its open actions to them (ActionTracker): every owner is asked again.
        // So does a correction that changes who may read the entry (its sharing level): an action reaches no further than its entry.
        var moved = original is not null && (original.SharingLevel != reach.Level
            || !(await db.EntrySubjects.AsNoTracking().Where(x => x.EntryId == original.Id).Select(x => x.PersonId).ToListAsync(ct)).ToHashSet().SetEquals(subjects));
        var fresh = items.Select((item, i) => (Owner: item.OwnerProfessionalId, Index: i))
            .Where(x => x.Owner is { } o && (moved || x.Index >= before.Count || before[x.Index].OwnerProfessionalId != o)).ToList();
        if (fresh.Count == 0) return;
        var children = await ActionTracker.ChildrenOfAsync(db, subjects, ct);
        if (children.Count == 0) return;
        var owners = fresh.Select(x => x.Owner!.Value).Distinct().ToList();
        var blind = await ChildAccessReader.MayNotSeeAsync(db, children, owners, now, ct);
        // An entry narrower than the team (a health-restricted medical) is asked of again at its level: an owner who may
        // open the record but not read the entry could not read what they are asked to do.
        var unread = reach.IsTeam ? blind : await ChildAccessReader.MayNotSeeAsync(db, children, owners, now, ct, reach);
        if (!unread.Values.Any(b => b.Count > 0)) return;
        // A child the writer may not see is never named, here as anywhere: "a child this entry is about".
        var unseen = await HiddenAsync([.. children.Select((c, i) => new Reference($"children[{i}]", ReferenceTarget.Person, c))], ct);
        var people = await db.People.AsNoTracking().Where(p => children.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var professionals = await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var (list, label) = details is PlanStarted ? ("items", "Item") : ("actions", "Action");
        foreach (var x in fresh)
        {
            var blindTo = children.Where(c => blind.TryGetValue(c, out var b) && b.Contains(x.Owner!.Value)).ToList();
            // The recorder is asked of the children they may see (through break glass only, then): a hidden sibling of
            // the adults an entry is about is neither named nor counted to them, nor stops them owning their own work.
            if (x.Owner == recorder) blindTo = [.. blindTo.Where(c => !unseen.Contains(c))];
            if (blindTo.Count == 0)
            {
                // Someone who may open every child, but not read the entry at its sharing level.
                if (children.Any(c => !unseen.Contains(c) && unread.TryGetValue(c, out var u) && u.Contains(x.Owner!.Value)))
                    problems.Add($"details.{list}[{x.Index}].ownerProfessionalId", x.Owner == recorder
                        ? $"{label} {x.Index + 1}: you could not read this entry at its sharing level ({Labels.Of(reach.Level).ToLowerInvariant()}): choose an owner who may, or share the entry more widely"
                        : $"{label} {x.Index + 1}: {professionals.GetValueOrDefault(x.Owner!.Value, "its owner")} may not read this entry at its sharing level ({Labels.Of(reach.Level).ToLowerInvariant()}): choose an owner who may, or share the entry more widely");
                continue;
            }
            var named = blindTo.Where(c => !unseen.Contains(c)).Select(c => people.GetValueOrDefault(c, "the child")).ToList();
            problems.Add($"details.{list}[{x.Index}].ownerProfessionalId", x.Owner == recorder
                ? $"{label} {x.Index + 1}: you are not in the team around {(blindTo.Count == 1 ? "the child" : "each child")} it is about: choose an owner who is"
                : $"{label} {x.Index + 1}: {ActionService.CannotOpen(professionals.GetValueOrDefault(x.Owner!.Value, "its owner"), named, blindTo.Count)}");
        }
    }

    /// <summary>
    /// What cannot be about a child as they are (<see cref="LifeStages"/>): a birth for a child already born, an injury to
    /// one not yet born, a pre-birth assessment after the birth. Asked of a signed-in writer's entry, whatever the path (the
    /// recording page, the API); a replay records what happened. A correction of the same kind (<paramref name="original"/>
    /// given) is asked only of its values, as its kind was asked when it was recorded.
    /// </summary>
    private async Task CheckLifeStagesAsync(Guid partnershipId, EntryKind kind, EntryDetails? details, IReadOnlyList<Guid> subjects, DateTimeOffset? at, DatePrecision precision,
        EntryDetails? original, Problems problems, CancellationToken ct)
    {
        // The birth's child is asked about only if the writer may see them (one they may not is refused as unknown already).
        var born = details is Birth b && (await HiddenAsync([new Reference("details.childPersonId", ReferenceTarget.Person, b.ChildPersonId)], ct)).Count == 0
            ? b.ChildPersonId : (Guid?)null;
        var children = await db.People.AsNoTracking()
            .Where(p => p.PartnershipId == partnershipId && ((subjects.Contains(p.Id) && p.Kind != PersonKind.Adult) || p.Id == born)).ToListAsync(ct);
        // An entry about a family is refused only when it fits none of its children (an antenatal assessment names the
        // unborn child and the older sibling; a birth, the baby and the siblings): the first child's reasons are given.
        var refusals = children.Where(c => subjects.Contains(c.Id) && c.Kind != PersonKind.Adult).OrderBy(c => c.DisplayName, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => LifeStages.Refusals(kind, details, c, at, precision).Where(r => original is null || r.Field != "kind").ToList()).ToList();
        if (refusals.Count > 0 && refusals.All(r => r.Count > 0))
            foreach (var wrong in refusals[0]) problems.Add(wrong.Field, wrong.Message);
        // A birth turns its child from unborn to born, with the date: only a child not yet born has one recorded. A
        // correction of a birth keeps its child (now born); one that names another child is asked as a new birth is.
        if (born is { } id && !(original is Birth before && before.ChildPersonId == id)
            && children.FirstOrDefault(c => c.Id == id) is { Kind: not PersonKind.UnbornChild } person)
            problems.Add("details.childPersonId", $"{person.DisplayName} is not a child still to be born: a birth is recorded for an unborn child");
    }

    /// <summary>
    /// A decision on a contact answers a contact or an information-shared entry (what the front door was told) about
    /// someone the decision is about, or a child the decision is about (or a child of the adults it is about): not any
    /// entry the writer may see, as the safeguards and the front door's open contacts read the decision as that
    /// contact's answer. Asked of a signed-in writer; a replay records what was decided.
    /// </summary>
    private async Task CheckAnsweredAsync(Guid answered, IReadOnlyList<Guid> subjects, Problems problems, CancellationToken ct)
    {
        var contact = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == answered, ct);
        if (contact is null) return;
        if (contact.Kind != EntryKinds.Contact.Code && contact.Kind != EntryKinds.InformationShared.Code)
        {
            problems.Add("details.contactEntryId", "Choose a contact or information shared: a decision answers one of those, not an entry of another kind");
            return;
        }
        var about = contact.Subjects.Select(x => x.PersonId).ToList();
        // The same person (a pregnant mother before her unborn child is on record), allowing for a record since merged.
        var same = about.Intersect(subjects).Any()
            || (await Identity.Merges.SurvivorsOfAsync(db, about, ct)).Intersect(subjects).Any()
            || (await Identity.Merges.SurvivorsOfAsync(db, subjects, ct)).Intersect(about).Any();
        if (!same && !(await Family.ChildrenAboutAsync(db, subjects, ct)).Intersect(await Family.ChildrenConcernedAsync(db, about, ct)).Any())
            problems.Add("details.contactEntryId", "Choose a contact about the child this decision is about: the one chosen is about other people");
    }

    /// <summary>Why a writer without the authority to grant access to the child may not name whom a decision allocates the case to.</summary>
    public const string AllocationRefused =
        "Only the front door while the contact waits, the child's lead professional or the lead's manager may allocate the case: leave 'Allocate to' empty";

    /// <summary>
    /// A decision allocates the case only to someone who may hold it: a social worker or team manager of children's
    /// social care in the partnership (<see cref="Allocation.MayHold"/>).
    /// </summary>
    private async Task CheckAllocatedAsync(Guid partnershipId, Guid allocated, IReadOnlyList<Guid> subjects, Problems problems, CancellationToken ct)
    {
        if (!await db.People.AsNoTracking().AnyAsync(p => subjects.Contains(p.Id) && p.Kind != PersonKind.Adult, ct))
        {
            problems.Add("details.allocatedToProfessionalId", "A case is allocated for a child: this decision is about no child, so leave 'Allocate to' empty");
            return;
        }
        var worker = await db.Professionals.AsNoTracking().Where(p => p.Id == allocated && p.PartnershipId == partnershipId)
            .Join(db.Agencies.AsNoTracking(), p => p.AgencyId, a => a.Id, (p, a) => new { p.Name, p.Role, a.Kind }).FirstOrDefaultAsync(ct);
        if (worker is not null && !Allocation.MayHold(worker.Role, worker.Kind))
            problems.Add("details.allocatedToProfessionalId", $"{worker.Name} cannot be allocated the case: choose a social worker or team manager of children's social care");
    }

    public async Task<Outcome<ChronologyEntry>> CorrectAsync(Guid partnershipId, Guid entryId, CorrectionInput input, CancellationToken ct = default)
    {
        var original = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.PartnershipId == partnershipId, ct);
        if (original is null || await HiddenAsync([new Reference("entryId", ReferenceTarget.Entry, entryId)], ct) is { Count: > 0 })
            return Outcome<ChronologyEntry>.Refused("entryId", "There is no such entry to correct");
        if (string.IsNullOrWhiteSpace(input.Reason))
            return Outcome<ChronologyEntry>.Refused("reason", "Enter why the entry is being corrected");
        // A retry of this writer's own correction (the same key) is answered by WriteAsync; anyone else loses to the first.
        var retry = input.Entry.RecordedByProfessionalId is { } by && await ExistingForKeyAsync(by, input.Entry.IdempotencyKey, ct) is not null;
        var correction = retry ? null : await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId == entryId).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (correction is { } corrected)
            throw new WriteConflictException($"This entry has already been corrected, by entry {corrected}: nothing you sent was saved. Correct that entry instead");
        return await WriteAsync(partnershipId, input.Entry with { Kind = input.Entry.Kind ?? original.Kind }, (original, input.Reason.Trim()), ct);
    }

    private async Task<Outcome<ChronologyEntry>> WriteAsync(Guid partnershipId, EntryInput input, (ChronologyEntry Original, string Reason)? correcting, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var problems = new Problems(correcting is null ? "" : "entry");
        var kind = EntryKinds.Find(input.Kind);
        if (kind is null)
            problems.Add("kind", string.IsNullOrWhiteSpace(input.Kind)
                ? "Select what kind of entry this is"
                : $"'{input.Kind}' is not a kind of entry: use one of {string.Join(", ", EntryKinds.All.Select(k => k.Code))}");
        EntryDetails? details = null;
        if (kind is not null)
        {
            var read = DetailsReader.Read(kind, input.Details);
            if (read.Succeeded) details = read.Value; else problems.AddRange(read.Errors);
        }

        Professional? recorder = null;
        if (input.RecordedByProfessionalId is not { } recorderId) problems.Add("recordedByProfessionalId", "Select who is recording the entry");
        else
        {
            recorder = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == recorderId && p.PartnershipId == partnershipId, ct);
            if (recorder is null) problems.Add("recordedByProfessionalId", "The recorder is not a professional in this partnership");
        }

        // A staff absence is about a professional: it names the children whose work they hold, and none when they hold
        // none now (recorded all the same, so that work given to them later is known to be given to someone away).
        if (input.Subjects.Count == 0 && kind != EntryKinds.StaffAbsence) problems.Add("subjects", "Select who the entry is about");
        else if (input.Subjects.Count == 0 && details is StaffAbsence away && recorder is not null
                 && await db.Professionals.AsNoTracking().Where(p => p.Id == away.ProfessionalId && p.PartnershipId == partnershipId).Select(p => p.ManagerId).FirstOrDefaultAsync(ct) != recorder.Id)
            // About no child, the entry is seen by no one through a child: only the absent professional's manager records it.
            problems.Add("subjects", "Select who the entry is about: an absence about no child is recorded by the absent professional's manager");
        else if (input.Subjects.Distinct().Count() != input.Subjects.Count) problems.Add("subjects", "Each person can be named once only");
        var subjects = input.Subjects.Distinct().ToList();
        var knownPeople = await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && subjects.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        // A subject the writer may not see is refused as one who does not exist.
        knownPeople.RemoveAll((await HiddenAsync([.. subjects.Select((p, i) => new Reference($"subjects[{i}]", ReferenceTarget.Person, p))], ct)).Contains);
        for (var i = 0; i < input.Subjects.Count; i++)
            if (!knownPeople.Contains(input.Subjects[i])) problems.Add($"subjects[{i}]", "No such person in this partnership");

        if (input.Source is null) problems.Add("source", "Select where the information comes from and how certain it is");
        else if (input.Source == Source.ReportedBy && string.IsNullOrWhiteSpace(input.SourceName))
            problems.Add("sourceName", "Enter who reported it");

        var precision = input.OccurredPrecision ?? (input.OccurredAt is null ? DatePrecision.Unknown : DatePrecision.Exact);
        if (input.OccurredAt is { } occurred && After(occurred, precision, now))
            problems.Add("occurredAt", "The date it happened must be today or in the past");
        if (input.OccurredAt is null && precision != DatePrecision.Unknown)
            problems.Add("occurredAt", "Enter when it happened, or say it is not known");
        if (input.OccurredAt is not null && precision == DatePrecision.Unknown)
            problems.Add("occurredPrecision", "A date that is not known cannot also be given: remove the date or say how precise it is");
        problems.MaxLength("narrative", input.Narrative, MaxNarrative, "The narrative");
        problems.MaxLength("idempotencyKey", input.IdempotencyKey, 200, "The idempotency key");

        if (details is not null) await CheckReferencesAsync(partnershipId, details, problems, ct);
        if (details is ContactDecision { AllocatedToProfessionalId: { } allocated } && !problems.Errors.Any(e => e.Field == "details.allocatedToProfessionalId"))
            await CheckAllocatedAsync(partnershipId, allocated, subjects, problems, ct);
        // A correction is asked only when it names another contact: what was recorded before the rule stands until then.
        if (details is ContactDecision { ContactEntryId: { } answered } && gate is not null && !problems.Any
            && !(correcting is { } decided && DetailsReader.ReadStored(decided.Original.Kind, decided.Original.Details) is ContactDecision { ContactEntryId: var before } && before == answered))
            await CheckAnsweredAsync(answered, knownPeople, problems, ct);
        if (kind is not null && gate is not null)
            await CheckLifeStagesAsync(partnershipId, kind, details, knownPeople, input.OccurredAt, precision,
                // A correction into another kind (a contact that was an observation) is asked as a new entry of that kind is.
                correcting is { } was && was.Original.Kind == kind.Code ? DetailsReader.ReadStored(was.Original.Kind, was.Original.Details) : null, problems, ct);
        if (details is not null && recorder is not null && gate is not null && await gate.RefusedAsync(details, recorder, input.ByItsService, ct) is { } refused)
            problems.Add(refused.Field, refused.Message);
        // A correction replaces what it corrects: whoever may not record that (a plan, the case's closure) may not
        // replace it with anything else either.
        else if (correcting is { } c && recorder is not null && gate is not null
                 && await gate.RefusedAsync(DetailsReader.ReadStored(c.Original.Kind, c.Original.Details), recorder, input.ByItsService, ct) is { } refusedOriginal)
            problems.Add(refusedOriginal.Field, refusedOriginal.Message);
        if (details is ContactDecision { AllocatedToProfessionalId: { } allocating } && gate is not null && !problems.Any && !await gate.MayAllocateAsync(allocating, subjects, ct))
            problems.Add("details.allocatedToProfessionalId", AllocationRefused);
        if (details is not null && recorder is not null && !problems.Any) await CheckOwnersAsync(correcting?.Original, details, subjects, recorder.Id, new EntryReach(input.SharingLevel, recorder.AgencyId), now, problems, ct);
        if (details is StaffAbsence { CoveredByProfessionalId: { } cover } && !problems.Any) await CheckCoverAsync(correcting?.Original, cover, subjects, now, problems, ct);
        if (problems.Any) return Outcome<ChronologyEntry>.Refused(problems.Errors);

        var entry = new ChronologyEntry
        {
            Id = Guid.CreateVersion7(now),
            PartnershipId = partnershipId,
            Kind = kind!.Code,
            Details = DetailsReader.Write(details!),
            Narrative = string.IsNullOrWhiteSpace(input.Narrative) ? null : input.Narrative.Trim(),
            OccurredAt = input.OccurredAt?.ToUniversalTime(),
            OccurredPrecision = precision,
            RecordedAt = now,
            RecordedByProfessionalId = recorder!.Id,
            RecordedByAgencyId = recorder.AgencyId,
            Source = input.Source!.Value,
            SourceName = input.Source == Source.ReportedBy ? input.SourceName!.Trim() : null,
            Significance = input.Significance,
            SharingLevel = input.SharingLevel,
            SupersedesEntryId = correcting?.Original.Id,
            CorrectionReason = correcting?.Reason,
            IdempotencyKey = string.IsNullOrWhiteSpace(input.IdempotencyKey) ? null : input.IdempotencyKey,
            Subjects = [.. subjects.Select(p => new EntrySubject { PersonId = p })],
        };
        foreach (var s in entry.Subjects) s.EntryId = entry.Id;

        // The writer's own key (a page's form sent twice) answers with the entry it made, if this is the same entry.
        if (entry.IdempotencyKey is { } key && await ExistingForKeyAsync(recorder.Id, key, ct) is { } earlier)
            return SameEntry(earlier, entry)
                ? Outcome<ChronologyEntry>.Ok(earlier)
                : Outcome<ChronologyEntry>.Refused("idempotencyKey", "This key was used for a different entry: send a new key with a new entry");

        // The entry, its effects on the record and the work it leaves for each observer are saved together: in the
        // caller's transaction if there is one (the observers then run after that commits), otherwise in one of its own.
        var work = observers.Select(o => new ObserverWorkItem { Id = Guid.CreateVersion7(now), EntryId = entry.Id, Work = o.Work, CreatedAt = now }).ToList();
        var own = db.Database.CurrentTransaction is null;
        await using (var tx = own ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            db.Entries.Add(entry);
            db.AddRange(work);
            try
            {
                await ApplyToRecordAsync(entry, details!, recorder, ct);
                await db.SaveChangesAsync(ct);
                // A contact, a decision, a closure or a correction of any of them: the open contacts of everyone they are about, again.
                if (OpenContacts.Concerns(entry.Kind) || (correcting is { } corrected && OpenContacts.Concerns(corrected.Original.Kind)))
                    await OpenContacts.RefreshAsync(db, [.. entry.Subjects.Select(s => s.PersonId),
                        .. correcting is { } c ? await db.EntrySubjects.AsNoTracking().Where(s => s.EntryId == c.Original.Id).Select(s => s.PersonId).ToListAsync(ct) : []], ct);
            }
            catch (WriteConflictException) when (tx is not null)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                throw;
            }
            catch (DbUpdateException e) when (tx is not null)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                // A concurrent retry with the same key won the race: answer with its entry.
                if (entry.IdempotencyKey is { } retried && await ExistingForKeyAsync(recorder.Id, retried, ct) is { } winner && SameEntry(winner, entry))
                    return Outcome<ChronologyEntry>.Ok(winner);
                if (Writes.Conflict(e) is { } conflict) throw conflict;
                throw;
            }
            ObserverWork.Written(db, work);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        if (own) await RunWrittenWorkAsync(ct);
        return Outcome<ChronologyEntry>.Ok(entry);
    }

    /// <summary>Runs the observers' work that writes on this context left, once their transaction has committed.</summary>
    public Task RunWrittenWorkAsync(CancellationToken ct = default) => ObserverWork.RunWrittenAsync(db, observers, clock, ct);

    private async Task<ChronologyEntry?> ExistingForKeyAsync(Guid recorderId, string? key, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(key)
            ? null
            : await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.RecordedByProfessionalId == recorderId && e.IdempotencyKey == key, ct);

    /// <summary>Whether a retry is the same entry as the one first written: what it is, about whom, what it says, and what it corrects.</summary>
    private static bool SameEntry(ChronologyEntry earlier, ChronologyEntry retry) =>
        earlier.Kind == retry.Kind && earlier.Details == retry.Details && earlier.Narrative == retry.Narrative
        && earlier.SupersedesEntryId == retry.SupersedesEntryId && earlier.OccurredAt?.ToUnixTimeMilliseconds() == retry.OccurredAt?.ToUnixTimeMilliseconds()
        && earlier.Subjects.Select(x => x.PersonId).Order().SequenceEqual(retry.Subjects.Select(x => x.PersonId).Order());

    private async Task<IReadOnlySet<Guid>> HiddenAsync(IReadOnlyCollection<Reference> references, CancellationToken ct) =>
        gate is null || references.Count == 0 ? new HashSet<Guid>() : await gate.HiddenAsync(references, ct);

    private async Task CheckReferencesAsync(Guid partnershipId, EntryDetails details, Problems problems, CancellationToken ct)
    {
        var references = References.In(details);
        var hidden = await HiddenAsync(references, ct);
        foreach (var group in references.GroupBy(r => r.Target))
        {
            var ids = group.Select(r => r.Id).Distinct().ToList();
            var known = group.Key switch
            {
                ReferenceTarget.Person => await db.People.Where(p => p.PartnershipId == partnershipId && ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct),
                ReferenceTarget.Professional => await db.Professionals.Where(p => p.PartnershipId == partnershipId && ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct),
                ReferenceTarget.Agency => await db.Agencies.Where(a => a.PartnershipId == partnershipId && ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct),
                ReferenceTarget.Entry => await db.Entries.Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct),
                ReferenceTarget.Household => await db.Households.Where(h => h.PartnershipId == partnershipId && ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct),
                _ => [],
            };
            // One the writer may not see is refused in the words for one that does not exist.
            foreach (var missing in group.Where(r => !known.Contains(r.Id) || hidden.Contains(r.Id)))
                problems.Add(missing.Path, $"No such {Labels.Of(missing.Target).ToLowerInvariant()} in this partnership");
        }
    }

    /// <summary>Facts that an entry also establishes in the record, written in the same transaction.</summary>
    private async Task ApplyToRecordAsync(ChronologyEntry entry, EntryDetails details, Professional recorder, CancellationToken ct)
    {
        var day = WorkingDayCalendar.UkDate(entry.When);
        if (entry.SupersedesEntryId is { } corrected) await WithdrawAllocationAsync(corrected, ct);
        switch (details)
        {
            case AddressChange move:
                foreach (var subject in entry.Subjects)
                {
                    var previous = await db.AddressFacts
                        .Where(a => a.PersonId == subject.PersonId && a.ReportedByAgencyId == recorder.AgencyId && a.To == null)
                        .ToListAsync(ct);
                    var movedOn = move.MovedOn ?? day;
                    foreach (var old in previous) old.To = movedOn.AddDays(-1) < (old.From ?? DateOnly.MinValue) ? old.From : movedOn.AddDays(-1);
                    db.AddressFacts.Add(new AddressFact
                    {
                        Id = Guid.CreateVersion7(entry.RecordedAt),
                        PartnershipId = entry.PartnershipId,
                        PersonId = subject.PersonId,
                        Address = move.NewAddress.Trim(),
                        Postcode = move.Postcode,
                        LocalAuthority = move.LocalAuthority,
                        From = movedOn,
                        ReportedByAgencyId = recorder.AgencyId,
                        ReportedByProfessionalId = recorder.Id,
                        RecordedAt = entry.RecordedAt,
                        EntryId = entry.Id,
                    });
                }
                break;
            case HouseholdChange change:
                await ApplyHouseholdChangeAsync(entry, change, recorder, day, ct);
                break;
            case PlanEnded ended:
                // The plan's slot is free again, whichever entry of the plan (the start or any correction of it, before
                // or after the one named) holds it.
                var ids = await CorrectionChainAsync(ended.PlanEntryId, ct);
                db.RemoveRange(await db.Set<Plans.ActivePlan>().Where(a => ids.Contains(a.PlanEntryId)).ToListAsync(ct));
                break;
            case PlanStarted plan:
                await TakePlanSlotAsync(entry, plan, ct);
                break;
            case ContactDecision { AllocatedToProfessionalId: { } allocated } decision when decision.TakesFurther:
                await AllocateAsync(entry, allocated, day, ct);
                break;
            case Birth birth:
                var child = await db.People.FirstAsync(p => p.Id == birth.ChildPersonId, ct);
                child.Kind = PersonKind.Child;
                child.DateOfBirth = birth.BornOn;
                child.DateOfBirthPrecision = DatePrecision.Day;
                break;
        }
    }

    /// <summary>
    /// A decision corrected (into another, or into something else) no longer allocates what it allocated: the
    /// involvements it recorded for its worker are taken out before the correction is applied, so that a worker named by
    /// mistake keeps no access through it and the child waits for allocation again unless the correction allocates. The
    /// decision itself stays in the chronology, superseded, saying whom it named.
    /// </summary>
    private async Task WithdrawAllocationAsync(Guid correctedId, CancellationToken ct)
    {
        var original = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == correctedId && e.Kind == EntryKinds.ContactDecision.Code, ct);
        if (original is null || DetailsReader.ReadStored(original.Kind, original.Details) is not ContactDecision { AllocatedToProfessionalId: { } allocated } decision || !decision.TakesFurther) return;
        var subjects = original.Subjects.Select(s => s.PersonId).ToList();
        var day = WorkingDayCalendar.UkDate(original.When);
        var recorded = (await db.Involvements.AsNoTracking()
                .Where(i => i.ProfessionalId == allocated && subjects.Contains(i.PersonId) && i.Role == AllocatedRole).ToListAsync(ct))
            .Where(i => i.From == day && i.RecordedAt == original.RecordedAt).Select(i => i.Id).ToList();
        if (recorded.Count == 0) return;
        await db.Involvements.Where(i => recorded.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await Safeguards.NextCheck.MakeDueAsync(db, subjects, ct);
    }

    /// <summary>The role an involvement a decision allocates has.</summary>
    private const string AllocatedRole = "allocated social worker";

    /// <summary>
    /// The worker a decision allocates the case to is working with each child it is about from the day of the decision,
    /// as an involvement (the team around the child, and so access, follow from it): one already working with the child
    /// that day is not recorded twice.
    /// </summary>
    private async Task AllocateAsync(ChronologyEntry entry, Guid allocated, DateOnly day, CancellationToken ct)
    {
        var subjects = entry.Subjects.Select(s => s.PersonId).ToList();
        var children = await db.People.AsNoTracking().Where(p => subjects.Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        var agency = await db.Professionals.AsNoTracking().Where(p => p.Id == allocated).Select(p => p.AgencyId).FirstAsync(ct);
        var working = (await db.Involvements.AsNoTracking().Where(i => i.ProfessionalId == allocated && children.Contains(i.PersonId)).ToListAsync(ct))
            .Where(i => i.IsActiveOn(day)).Select(i => i.PersonId).ToHashSet();
        foreach (var child in children.Where(c => !working.Contains(c)).Order())
            db.Involvements.Add(new Involvement
            {
                Id = Guid.CreateVersion7(entry.RecordedAt), PartnershipId = entry.PartnershipId, PersonId = child, AgencyId = agency, ProfessionalId = allocated,
                Role = AllocatedRole, From = day, RecordedAt = entry.RecordedAt,
            });
        await Safeguards.NextCheck.MakeDueAsync(db, children, ct);
    }

    /// <summary>
    /// A plan-started entry and the child's statutory slot (<see cref="Plans.ActivePlan"/>), however it is recorded: a
    /// correction carries the slot its original held (or frees it, when the plan is corrected into a draft or a safety
    /// plan); a new statutory plan, or a draft completed, takes the slot of each child it is about, and a child whose
    /// slot is held already is a conflict (a unique key in the database settles two at once). A correction of a plan
    /// that no longer holds a slot (it has ended) takes none.
    /// </summary>
    private async Task TakePlanSlotAsync(ChronologyEntry entry, PlanStarted plan, CancellationToken ct)
    {
        var takes = Plans.ActivePlan.Holds(plan);
        var replacedDraft = false;
        if (entry.SupersedesEntryId is { } replaced)
        {
            var held = await db.Set<Plans.ActivePlan>().Where(a => a.PlanEntryId == replaced).ToListAsync(ct);
            if (held.Count > 0)
            {
                if (takes) foreach (var slot in held) slot.PlanEntryId = entry.Id;
                else db.RemoveRange(held);
                return;
            }
            var original = await db.Entries.AsNoTracking().Where(e => e.Id == replaced).Select(e => new { e.Kind, e.Details }).FirstAsync(ct);
            replacedDraft = original.Kind == EntryKinds.PlanStarted.Code && DetailsReader.ReadStored(original.Kind, original.Details) is PlanStarted { Draft: true };
            if (!replacedDraft) return;
        }
        if (!takes) return;
        var subjects = entry.Subjects.Select(s => s.PersonId).ToList();
        var children = await db.People.AsNoTracking().Where(p => subjects.Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        foreach (var child in children.Order())
        {
            var running = await db.Set<Plans.ActivePlan>().AsNoTracking().Where(a => a.ChildPersonId == child && a.Slot == Plans.ActivePlan.Statutory)
                .Join(db.Entries, a => a.PlanEntryId, e => e.Id, (a, e) => new { e.Kind, e.Details }).FirstOrDefaultAsync(ct);
            if (running is not null)
                throw new WriteConflictException(Plans.ActivePlan.Conflict(((PlanStarted)DetailsReader.ReadStored(running.Kind, running.Details)).Type, plan.Type));
            db.Add(new Plans.ActivePlan { ChildPersonId = child, Slot = Plans.ActivePlan.Statutory, PlanEntryId = entry.Id });
        }
    }

    /// <summary>The entry and every entry in its line of corrections: those it corrects and those that correct it.</summary>
    private async Task<IReadOnlyList<Guid>> CorrectionChainAsync(Guid entryId, CancellationToken ct)
    {
        var chain = new HashSet<Guid> { entryId };
        for (Guid? at = entryId; at is { } id;)
        {
            at = await db.Entries.AsNoTracking().Where(e => e.Id == id).Select(e => e.SupersedesEntryId).FirstOrDefaultAsync(ct);
            if (at is { } earlier && !chain.Add(earlier)) break;
        }
        for (var frontier = chain.ToList(); frontier.Count > 0;)
        {
            frontier = await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId != null && frontier.Contains(e.SupersedesEntryId.Value)).Select(e => e.Id).ToListAsync(ct);
            frontier = [.. frontier.Where(chain.Add)];
        }
        return [.. chain];
    }

    private async Task ApplyHouseholdChangeAsync(ChronologyEntry entry, HouseholdChange change, Professional recorder, DateOnly day, CancellationToken ct)
    {
        if (change.Change == HouseholdChangeType.Left)
        {
            var current = await db.HouseholdMemberships
                .Where(m => m.PersonId == change.PersonId && m.To == null && (change.HouseholdId == null || m.HouseholdId == change.HouseholdId))
                .ToListAsync(ct);
            foreach (var m in current) m.To = day;
            return;
        }
        var householdId = change.HouseholdId;
        if (householdId is null)
        {
            // Joining "the household" of the people the entry is about: the one a subject currently lives in.
            var others = entry.Subjects.Select(s => s.PersonId).Where(p => p != change.PersonId).ToList();
            householdId = await db.HouseholdMemberships
                .Where(m => others.Contains(m.PersonId) && m.To == null)
                .Select(m => (Guid?)m.HouseholdId).FirstOrDefaultAsync(ct);
        }
        if (householdId is null) return;
        // Joining a household can put the joiner's professionals in a child's team: that waits for someone who may grant it.
        if (gate is not null && !await gate.MayJoinHouseholdAsync(entry, change, householdId.Value, ct)) return;
        db.HouseholdMemberships.Add(new HouseholdMembership
        {
            Id = Guid.CreateVersion7(entry.RecordedAt),
            HouseholdId = householdId.Value,
            PersonId = change.PersonId,
            From = day,
            ReportedByAgencyId = recorder.AgencyId,
            RecordedAt = entry.RecordedAt,
        });
    }
}
