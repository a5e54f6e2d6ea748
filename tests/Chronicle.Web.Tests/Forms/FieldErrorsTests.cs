using Chronicle.Core.Validation;
using Chronicle.Web.Forms;

namespace Chronicle.Web.Tests.Forms;

/// <summary>How a form's own errors and a service's refusal are put together.</summary>
public sealed class FieldErrorsTests
{
    [Fact]
    public void The_forms_own_errors_come_first_and_the_service_adds_only_the_fields_not_yet_named()
    {
        FieldError[] form = [new("awareOn", "The date must be a real date, for example 27/3/2015")];
        FieldError[] service = [new("title", "Enter a title"), new("awareOn", "Enter the date"), new("summary", "Enter a summary")];

        Assert.Equal(new FieldError[] { form[0], service[0], service[2] }, FieldErrors.Merge(form, service));
        Assert.Equal(service, FieldErrors.Merge([], service));
        Assert.Equal(form, FieldErrors.Merge(form, []));
    }
}
