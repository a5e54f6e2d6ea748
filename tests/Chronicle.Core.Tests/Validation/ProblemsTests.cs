using Chronicle.Core.Validation;

namespace Chronicle.Core.Tests.Validation;

public sealed class ProblemsTests
{
    [Fact]
    public void Errors_found_in_a_part_are_named_under_it_and_refuse_the_whole()
    {
        var problems = new Problems("entry");

        problems.For("identifiers[0]").Add("value", "Enter an NHS number");

        Assert.True(problems.Any);
        Assert.Equal(new FieldError("entry.identifiers[0].value", "Enter an NHS number"), Assert.Single(problems.Errors));
    }
}
