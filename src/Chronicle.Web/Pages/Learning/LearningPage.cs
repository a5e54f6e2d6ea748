using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Learning;

/// <summary>
/// What the learning pages share: the partnership, today, the review the route names, errors by field in the order
/// the page shows its fields, and the confirmation of what was just saved.
/// </summary>
public abstract class LearningPage(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : PageModel
{
    protected ChronicleDb Db => db;
    protected TimeProvider Clock => clock;
    public IReadOnlyList<FieldError> Errors { get; protected set; } = [];
    /// <summary>What a save that landed here saved (<see cref="Saved"/>), shown as a confirmation.</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }
    /// <summary>The confirmation of the save that landed here, or null.</summary>
    public string? Confirmation => Done is { } done ? Saved.Confirmation(done) : null;
    /// <summary>The form's fields in the order the page shows them: the error summary lists errors in this order.</summary>
    protected virtual IReadOnlyList<string> FieldOrder => [];
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
        var order = FieldOrder;
        // A field the page does not show (a refusal of the whole form) comes last; errors of one field keep their order.
        int Position(string field)
        {
            for (var i = 0; i < order.Count; i++) if (order[i] == field) return i;
            return order.Count;
        }
        Errors = [.. errors.OrderBy(e => Position(e.Field))];
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
