using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Learning;

/// <summary>What the learning pages share: the partnership, today, the review the route names, and errors by field.</summary>
public abstract class LearningPage(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : PageModel
{
    protected ChronicleDb Db => db;
    protected TimeProvider Clock => clock;
    public IReadOnlyList<FieldError> Errors { get; protected set; } = [];
    public DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow());
    protected Guid PartnershipId => partnership.Id;
    /// <summary>The partnership, once <see cref="StartAsync"/> has found it.</summary>
    protected Core.Record.Partnership Partnership => partnership.Value;

    /// <summary>Finds the partnership: false when there is none.</summary>
    protected async Task<bool> StartAsync(CancellationToken ct)
    {
        return await partnership.FindAsync(ct) is not null;
    }

    protected Task<ReviewRecord?> ReviewAsync(Guid id, CancellationToken ct) => ReviewRecord.LoadAsync(db, partnership.Id, id, Today, ct);

    protected void Refuse(IEnumerable<FieldError> errors)
    {
        Errors = [.. errors];
        ViewData["HasErrors"] = Errors.Count > 0;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>A date field as typed (day/month/year), with its error when it cannot be read.</summary>
    protected static DateOnly? ReadDate(string? text, string field, List<FieldError> errors, string label)
    {
        if (LearningLabels.TryDate(text, out var date)) return date;
        errors.Add(new FieldError(field, $"{label} must be a real date, like 27/1/2015"));
        return null;
    }
}
