using Chronicle.Web.Pages.Children;

namespace Chronicle.Web.Tests.Security;

/// <summary>The viewing history says what the audit recorded in words: no ids, no internal counts.</summary>
public sealed class ViewingHistoryWordsTests
{
    [Theory]
    [InlineData("alert 01a22808-e000-772b-ade6-dbf99b6a34cf", "an alert")]
    [InlineData("alert 01a22808-e000-772b-ade6-dbf99b6a34cf resolved", "an alert resolved")]
    [InlineData("escalation 01a22808-e000-772b-ade6-dbf99b6a34cf handled", "an escalation handled")]
    [InlineData("reminders of 3 of 3 children", "the reminders")]
    [InlineData("chronology as BreakGlass", "chronology with break-glass access")]
    public void An_audit_detail_is_shown_in_words(string recorded, string shown) => Assert.Equal(shown, ViewersModel.Detail(recorded));
}
