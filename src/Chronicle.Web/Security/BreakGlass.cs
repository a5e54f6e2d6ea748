using Chronicle.Core.Audit;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>
/// What a break-glass request names: the search that found nobody, always precise (the NHS number, or the whole name
/// with the date of birth), and, from a link to a record, the child's id, which the search must then match. The
/// postcode of the child's home tells apart children of one name and date of birth (twins are named apart; a second
/// record made with another child's name and birthday is not enough to keep that child's record shut).
/// </summary>
public sealed record BreakGlassRequest(Guid? ChildId, ChildSearchQuery? Search, string? Reason, string? Postcode = null);

/// <summary>
/// Break glass: emergency access to a child outside one's relationships. The request states a reason before anything
/// is said about whether the child exists; a matching child is then opened to the user for a limited time (4 hours
/// by default, Chronicle:BreakGlass:Hours), the grant and its reason go into the audit, and the grant is flagged to
/// the child's lead professional and to information governance (<see cref="BreakGlassFlags"/>).
/// </summary>
public sealed class BreakGlassService(ChronicleDb db, TimeProvider clock, CurrentUser currentUser, RecordAudit audit, BreakGlassFlags flags, IConfiguration configuration)
{
    public const int MinReasonLength = 20;
    public const int MaxReasonLength = 1000;
    public const int MaxPostcodeLength = 16;
    /// <summary>A grant by name and date of birth opens one child: a search that matches more opens none (by NHS number, every record of that number).</summary>
    public const int MaxChildren = 1;

    public TimeSpan Duration => TimeSpan.FromHours(configuration.GetValue("Chronicle:BreakGlass:Hours", 4.0));

    /// <summary>The grants made (none when no child matches), or what is wrong with the request.</summary>
    public async Task<Outcome<IReadOnlyList<BreakGlassGrant>>> RequestAsync(BreakGlassRequest request, CancellationToken ct = default)
    {
        var user = await currentUser.RequireAsync(ct);
        var p = new Problems();
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) p.Add("reason", "Enter why you need this record now");
        else if (reason.Length < MinReasonLength) p.Add("reason", $"The reason must be at least {MinReasonLength} characters: say what has happened and why you need the record");
        else p.MaxLength("reason", reason, MaxReasonLength, "The reason");
        // A child's id is no specific match: whoever holds one (from a link, an old list, an entry) must still say
        // exactly who the child is, and the search must match that child.
        p.MaxLength("postcode", request.Postcode, MaxPostcodeLength, "The postcode");
        if (request.Search is not { IsPrecise: true })
            p.Add("search", "Give the child's NHS number, or their name and date of birth");
        if (p.Any) return Outcome<IReadOnlyList<BreakGlassGrant>>.Refused(p.Errors);

        var partnershipId = user.Account.PartnershipId;
        var query = db.People.AsNoTracking().Include(c => c.Identifiers).Where(c => c.PartnershipId == partnershipId && c.Kind != PersonKind.Adult);
        if (request.ChildId is { } id) query = query.Where(c => c.Id == id);
        var children = await query.ToListAsync(ct);
        List<Guid> matched = [.. children.Where(c => MatchesExactly(c, request.Search!)).Select(c => c.Id)];
        if (matched.Count == 0)
        {
            await audit.AppendAsync(AuditAction.Denied, detail: $"break glass requested; no record matched; reason: {reason}", ct: ct);
            return Outcome<IReadOnlyList<BreakGlassGrant>>.Ok([]);
        }
        // An NHS number names one person: every record that carries it is theirs (a duplicate made with it, by mistake
        // or to keep the record shut, is opened with it and flagged as every grant is).
        if (matched.Count > MaxChildren && request.Search!.NhsNumber is null)
        {
            // Only to tell apart records of one name and date of birth: an address any agency reported, now or before.
            var postcode = MatchRecord.NormalisePostcode(request.Postcode);
            var atPostcode = postcode.Length == 0 ? [] : (await db.AddressFacts.AsNoTracking().Where(a => matched.Contains(a.PersonId) && a.Postcode != null)
                    .Select(a => new { a.PersonId, a.Postcode }).ToListAsync(ct))
                .Where(a => MatchRecord.NormalisePostcode(a.Postcode) == postcode).Select(a => a.PersonId).Distinct().ToList();
            if (atPostcode.Count != 1)
            {
                await audit.AppendAsync(AuditAction.Denied, detail: $"break glass requested; {matched.Count} records matched, none opened; reason: {reason}", ct: ct);
                return postcode.Length == 0
                    ? Outcome<IReadOnlyList<BreakGlassGrant>>.Refused("postcode", "More than one record matches: give the child's NHS number, or the postcode of their home")
                    : Outcome<IReadOnlyList<BreakGlassGrant>>.Refused("postcode", atPostcode.Count == 0
                        ? "More than one record matches, and none has an address at that postcode: give the child's NHS number"
                        : "More than one record matches, at that postcode too: give the child's NHS number");
            }
            matched = atPostcode;
        }

        var now = clock.GetUtcNow();
        var grants = new List<BreakGlassGrant>();
        foreach (var child in matched)
        {
            var grant = new BreakGlassGrant
            {
                Id = Guid.NewGuid(),
                PartnershipId = partnershipId,
                UserId = user.Account.Id,
                ChildPersonId = child,
                Reason = reason!,
                GrantedAt = now,
                ExpiresAt = now + Duration,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.BreakGlassGrants.Add(grant);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(AuditAction.BreakGlass, child, $"until {grant.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}; reason: {reason}", ct: ct);
            await flags.FlagAsync(grant, ct);
            await tx.CommitAsync(ct);
            db.Entry(grant).State = EntityState.Detached;
            grants.Add(grant);
        }
        return Outcome<IReadOnlyList<BreakGlassGrant>>.Ok(grants);
    }

    /// <summary>
    /// A specific match, never a partial one: the NHS number, or the whole name (given and family names, or the name
    /// the child is known by, in any case and spacing) with the exact date of birth.
    /// </summary>
    public static bool MatchesExactly(Person child, ChildSearchQuery query)
    {
        if (query.NhsNumber is { } nhs) return child.Identifiers.Any(i => i.Scheme == IdentifierScheme.NhsNumber && i.Value == nhs);
        if (query.Name is not { } name || query.DateOfBirth is not { } dob || child.DateOfBirth != dob) return false;
        static string Norm(string? s) => string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        var wanted = Norm(name);
        var names = new[] { Norm($"{child.GivenName} {child.FamilyName}"), Norm(child.KnownAs), Norm(child.KnownAs is null ? null : $"{child.KnownAs} {child.FamilyName}") };
        return wanted.Length > 0 && names.Any(n => n.Length > 0 && n == wanted);
    }
}

/// <summary>A break-glass grant as the lead professional and information governance see it, with information governance's review once made.</summary>
public sealed record BreakGlassNotice(Guid GrantId, Guid ChildId, string Child, string GrantedTo, string Agency, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt)
{
    public BreakGlassReviewNotice? Review { get; init; }
}

/// <summary>Information governance's review of a grant: what they found, who, when, and their note.</summary>
public sealed record BreakGlassReviewNotice(BreakGlassReviewOutcome Outcome, string ReviewedBy, DateTimeOffset ReviewedAt, string? Note);

/// <summary>
/// Where break-glass grants are flagged, all from here: a notification in the inbox of the child's lead
/// professional (and lead social worker) and of every information governance officer, in the grant's transaction;
/// a banner on the lead's home page; and information governance's list of grants, each reviewed once.
/// </summary>
public sealed class BreakGlassFlags(ChronicleDb db, TimeProvider clock, ChildAccess access, RecordAudit audit)
{
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// Information governance records its review of a grant of its partnership: whether the access was justified, or
    /// needs following up (then the note says what). A grant is reviewed once; its review is never changed.
    /// </summary>
    public async Task<Outcome<BreakGlassReview>> ReviewAsync(Guid partnershipId, Guid reviewerUserId, Guid grantId, BreakGlassReviewOutcome? outcome, string? note, CancellationToken ct = default)
    {
        var p = new Problems();
        var grant = await db.BreakGlassGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId && g.PartnershipId == partnershipId, ct);
        if (grant is null) p.Add("grantId", "There is no such break-glass grant");
        else if (grant.UserId == reviewerUserId) p.Add("grantId", "You cannot review your own break-glass access: another information governance officer reviews it");
        else if (await db.BreakGlassReviews.AnyAsync(r => r.GrantId == grantId, ct)) p.Add("grantId", "This grant has already been reviewed");
        p.Required("outcome", outcome, "Select whether the access was justified or needs following up");
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (outcome == BreakGlassReviewOutcome.FollowUp && text is null) p.Add("note", "Enter what needs following up, and with whom");
        p.MaxLength("note", text, MaxNoteLength, "The note");
        if (p.Any) return Outcome<BreakGlassReview>.Refused(p.Errors);
        var review = new BreakGlassReview
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), GrantId = grantId, ReviewedByUserId = reviewerUserId, ReviewedAt = clock.GetUtcNow(),
            Outcome = outcome!.Value, Note = text,
        };
        // The review and its audit line are one write: neither is kept without the other.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            db.BreakGlassReviews.Add(review);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (Writes.IsUniqueViolation(e))
            {
                // Another review of the same grant was saved first (one review a grant, by the unique index).
                db.ChangeTracker.Clear();
                if (own is null) throw new WriteConflictException("This grant has already been reviewed: nothing you sent was saved.", e);
                await own.RollbackAsync(ct);
                return Outcome<BreakGlassReview>.Refused("grantId", "This grant has already been reviewed");
            }
            db.Entry(review).State = EntityState.Detached;
            await audit.AppendAsync(AuditAction.Write, grant!.ChildPersonId, $"break-glass grant reviewed: {review.Outcome}", ct: ct);
            if (own is not null) await own.CommitAsync(ct);
            return Outcome<BreakGlassReview>.Ok(review);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>How many of the partnership's grants information governance has not yet reviewed.</summary>
    public Task<int> ToReviewCountAsync(Guid partnershipId, CancellationToken ct = default) =>
        db.BreakGlassGrants.CountAsync(g => g.PartnershipId == partnershipId && !db.BreakGlassReviews.Any(r => r.GrantId == g.Id), ct);

    /// <summary>How long a grant stays on the lead professional's home page.</summary>
    public static readonly TimeSpan ShownToLeadFor = TimeSpan.FromDays(14);

    /// <summary>Called in the grant's transaction: notifies the lead professional, the lead social worker and information governance.</summary>
    public async Task FlagAsync(BreakGlassGrant grant, CancellationToken ct = default)
    {
        var facts = await access.FactsAsync(grant.ChildPersonId, ct);
        var governance = (await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == grant.PartnershipId && a.ProfessionalId != null).ToListAsync(ct))
            .Where(a => a.RoleSet.Contains(Role.InformationGovernance)).Select(a => a.ProfessionalId!.Value);
        var recipients = new[] { facts?.LeadProfessionalId, facts?.LeadSocialWorkerId }.OfType<Guid>().Concat(governance).Distinct().ToList();
        var by = await db.UserAccounts.AsNoTracking().Where(a => a.Id == grant.UserId).Select(a => a.DisplayName).FirstAsync(ct);
        var child = await db.People.AsNoTracking().Where(p => p.Id == grant.ChildPersonId).Select(p => new { p.KnownAs, p.GivenName, p.FamilyName }).FirstAsync(ct);
        var name = new Person { KnownAs = child.KnownAs, GivenName = child.GivenName, FamilyName = child.FamilyName }.DisplayName;
        foreach (var recipient in recipients)
            db.Notifications.Add(new Core.Sharing.Notification
            {
                Id = Guid.NewGuid(),
                PartnershipId = grant.PartnershipId,
                RecipientProfessionalId = recipient,
                Kind = Core.Sharing.NotificationKind.BreakGlassUsed,
                ChildPersonId = grant.ChildPersonId,
                Title = $"{by} used break-glass access to {name}'s record: {grant.Reason}",
                CreatedAt = grant.GrantedAt,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every grant in the partnership, newest first: information governance's list.</summary>
    public Task<IReadOnlyList<BreakGlassNotice>> AllAsync(Guid partnershipId, CancellationToken ct = default) =>
        NoticesAsync(db.BreakGlassGrants.Where(g => g.PartnershipId == partnershipId), ct);

    /// <summary>Recent grants on children this professional leads.</summary>
    public async Task<IReadOnlyList<BreakGlassNotice>> ForLeadAsync(Guid partnershipId, Guid professionalId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - ShownToLeadFor;
        var recent = await NoticesAsync(db.BreakGlassGrants.Where(g => g.PartnershipId == partnershipId && g.GrantedAt >= since), ct);
        var led = new List<BreakGlassNotice>();
        foreach (var notice in recent)
            if (await access.FactsAsync(notice.ChildId, ct) is { } facts && (facts.LeadProfessionalId == professionalId || facts.LeadSocialWorkerId == professionalId))
                led.Add(notice);
        return led;
    }

    private async Task<IReadOnlyList<BreakGlassNotice>> NoticesAsync(IQueryable<BreakGlassGrant> grants, CancellationToken ct)
    {
        var list = await grants.AsNoTracking().ToListAsync(ct);
        var children = list.Select(g => g.ChildPersonId).Distinct().ToList();
        var users = list.Select(g => g.UserId).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => children.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => users.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var professionalIds = accounts.Values.Select(a => a.ProfessionalId).OfType<Guid>().ToList();
        var agencyOf = await db.Professionals.AsNoTracking().Where(p => professionalIds.Contains(p.Id))
            .Join(db.Agencies, p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, a.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var grantIds = list.Select(g => g.Id).ToList();
        var reviews = await db.BreakGlassReviews.AsNoTracking().Where(r => grantIds.Contains(r.GrantId)).ToDictionaryAsync(r => r.GrantId, ct);
        var reviewerIds = reviews.Values.Select(r => r.ReviewedByUserId).Distinct().ToList();
        var reviewers = await db.UserAccounts.AsNoTracking().Where(a => reviewerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        return [.. list.OrderByDescending(g => g.GrantedAt).Select(g =>
        {
            var account = accounts.GetValueOrDefault(g.UserId);
            return new BreakGlassNotice(g.Id, g.ChildPersonId, names.GetValueOrDefault(g.ChildPersonId, "a child not on record"),
                account?.DisplayName ?? "an account not on record",
                account?.ProfessionalId is { } pid ? agencyOf.GetValueOrDefault(pid, "") : "", g.Reason, g.GrantedAt, g.ExpiresAt)
            {
                Review = reviews.GetValueOrDefault(g.Id) is { } r
                    ? new BreakGlassReviewNotice(r.Outcome, reviewers.GetValueOrDefault(r.ReviewedByUserId, "an account not on record"), r.ReviewedAt, r.Note) : null,
            };
        })];
    }
}
