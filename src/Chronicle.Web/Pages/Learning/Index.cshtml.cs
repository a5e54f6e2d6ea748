using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Learning;

/// <summary>The learning cycle: serious incidents with their clocks, and the partnership's reviews.</summary>
[Permission(Permissions.ReadLearning)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    public IReadOnlyList<(SeriousIncident Incident, IReadOnlyList<LearningClock> Clocks)> Incidents { get; private set; } = [];
    public IReadOnlyList<(Review Review, int Findings, int Lessons, int Actions, LearningClock? Clock)> Reviews { get; private set; } = [];
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var user = await currentUser.RequireAsync(ct);
        MayWrite = LearningAccess.Manages(user);
        Incidents = [.. (await Db.SeriousIncidents.AsNoTracking().Where(i => i.PartnershipId == PartnershipId).OrderByDescending(i => i.AwareOn).ToListAsync(ct))
            .Select(i => (i, (IReadOnlyList<LearningClock>)[.. LearningClocks.ForIncident(i, Today, WorkingDayCalendar.EnglandAndWales)]))];
        var reviews = await Db.Reviews.AsNoTracking().Where(r => r.PartnershipId == PartnershipId).ReadableBy(MayWrite)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Title).ToListAsync(ct);
        var ids = reviews.Select(r => r.Id).ToList();
        var items = await Db.ReviewItems.AsNoTracking().Where(i => ids.Contains(i.ReviewId)).GroupBy(i => new { i.ReviewId, i.Type }).Select(g => new { g.Key.ReviewId, g.Key.Type, Count = g.Count() }).ToListAsync(ct);
        var actions = await Db.ResponseActions.AsNoTracking().Where(a => ids.Contains(a.ReviewId)).GroupBy(a => a.ReviewId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(Guid id, ReviewItemType type) => items.FirstOrDefault(x => x.ReviewId == id && x.Type == type)?.Count ?? 0;
        Reviews = [.. reviews.Select(r => (r, Count(r.Id, ReviewItemType.Finding), Count(r.Id, ReviewItemType.Lesson), actions.FirstOrDefault(a => a.Key == r.Id)?.Count ?? 0, LearningClocks.ForReview(r, Today)))];
        return Page();
    }
}
