using Chronicle.Core.Chronology;
using Chronicle.Web.Children;

namespace Chronicle.Web.Tests.Children;

public sealed class DisplayTests
{
    [Fact]
    public void People_the_reader_cannot_see_are_counted_once_after_those_they_can()
    {
        string[] about = ["Mother of Child A", Names.WithheldPerson, Names.WithheldPerson, Names.WithheldPerson, Names.WithheldPerson];

        Assert.Equal("Mother of Child A and 4 people you cannot see", Display.About(about));
        Assert.Equal("Child A, Mother of Child A and 1 person you cannot see", Display.About(["Child A", "Mother of Child A", Names.WithheldPerson]));
        Assert.Equal("2 people you cannot see", Display.About([Names.WithheldPerson, Names.WithheldPerson]));
        Assert.Equal("Child A", Display.About(["Child A"]));
    }
}
