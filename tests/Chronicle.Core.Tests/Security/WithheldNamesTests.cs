using Chronicle.Core.Chronology;
using Chronicle.Core.Record;

namespace Chronicle.Core.Tests.Security;

/// <summary>
/// A text a safeguard wrote from the whole family's record, as a reader who may not see some of the family reads it:
/// every recorded name of a hidden person is replaced by the words entries use, whole-word, in any case and spacing,
/// longest first; the names of people the reader may see stay.
/// </summary>
public sealed class WithheldNamesTests
{
    private static readonly Person Carer = new() { GivenName = "Jordan", FamilyName = "Price", KnownAs = "Jay" };
    private static readonly Person Child = new() { GivenName = "Amelia", FamilyName = "Price" };

    private static WithheldNames ForReader() => new(WithheldNames.Of(Carer, [("Jordan", "Pryce")]), WithheldNames.Of(Child, []));

    [Fact]
    public void Every_name_of_a_hidden_person_is_withheld_and_a_visible_persons_name_is_kept()
    {
        var text = ForReader().In("Amelia Price was left with JORDAN  PRICE (Jay's partner Jordan Pryce says Jay) on 3 May; Amelia Price's carer Jay Price.");

        Assert.DoesNotContain("Jordan", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pryce", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\bJay\b", text);
        Assert.Contains("Amelia Price was left with someone you do not have access to", text, StringComparison.Ordinal);
        Assert.Contains("Amelia Price's carer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_whole_words_are_withheld()
    {
        Assert.Equal("Jayden and Jaya met someone you do not have access to.", ForReader().In("Jayden and Jaya met Jay."));
    }

    [Fact]
    public void Nobody_hidden_leaves_the_text_as_written()
    {
        const string text = "Jordan Price was seen.";
        Assert.Equal(text, WithheldNames.Nobody.In(text));
        Assert.Equal(text, new WithheldNames([], WithheldNames.Of(Carer, [])).In(text));
    }
}
