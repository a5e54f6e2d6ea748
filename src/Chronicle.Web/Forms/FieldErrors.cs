using Chronicle.Core.Validation;

namespace Chronicle.Web.Forms;

/// <summary>How a form puts together what it found wrong itself and what a service refused.</summary>
public static class FieldErrors
{
    /// <summary>
    /// The form's own errors (what could not be read: a date that is not a date), then the service's for the fields
    /// the form has not already named: one message per field, the more specific first.
    /// </summary>
    public static IReadOnlyList<FieldError> Merge(IEnumerable<FieldError> form, IEnumerable<FieldError> service)
    {
        var first = form.ToList();
        return [.. first, .. service.Where(e => first.All(f => f.Field != e.Field))];
    }
}
