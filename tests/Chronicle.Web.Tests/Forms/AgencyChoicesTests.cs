using Chronicle.Core.Record;
using Chronicle.Web.Forms;

namespace Chronicle.Web.Tests.Forms;

public sealed class AgencyChoicesTests
{
    private static Agency Named(string name, string? area) => new() { Id = Guid.NewGuid(), Name = name, Area = area };

    [Fact]
    public void The_familys_agencies_come_first_and_no_name_is_offered_twice()
    {
        var school = Named("Eastmoor Primary School", "Eastmoor");
        var policeHere = Named("Avon and Somerset Police", "Bristol");
        var policeThere = Named("Avon and Somerset Police", "Somerset");
        var again = Named("Avon and Somerset Police", "Bristol");
        var gp = Named("Moorside Surgery", "Eastmoor");

        var items = AgencyChoices.Of("Choose the agency", [policeHere, school, again, policeThere, gp], new HashSet<Guid> { gp.Id }, null);

        Assert.Equal(["Choose the agency", "Moorside Surgery", "Avon and Somerset Police (Bristol)", "Avon and Somerset Police (Somerset)", "Eastmoor Primary School"],
            items.Select(i => i.Text).ToList());
        Assert.Equal(items.Count, items.Select(i => i.Text).Distinct().Count());
    }
}
