namespace Chronicle.Web.Learning;

/// <summary>
/// What a learning page's save says when it lands: the page it redirects to is given one of these words as <c>?done=</c>
/// and shows its confirmation at the top (a GOV.UK success banner). A word not listed here shows nothing.
/// </summary>
public static class Saved
{
    public const string IncidentRecorded = "incident";
    public const string Notification = "notification";
    public const string RapidReview = "rapid-review";
    public const string ReviewStarted = "review";
    public const string Published = "published";
    public const string Slippage = "slippage";
    public const string ActionAdded = "action";
    public const string Evidence = "evidence";
    public const string Status = "status";
    public const string Shared = "shared";
    public const string DraftItem = "draft-item";
    public const string DraftItemRemoved = "draft-item-removed";
    public const string DraftAction = "draft-action";
    public const string DraftActionRemoved = "draft-action-removed";
    public const string Confirmed = "confirmed";
    public const string Discarded = "discarded";
    public const string Imported = "imported";

    /// <summary>The word for an item added to a review, by its type.</summary>
    public static string ItemAdded(Core.Learning.ReviewItemType type) => "item-" + type.ToString().ToLowerInvariant();

    public static string? Confirmation(string done) => done switch
    {
        IncidentRecorded => "The serious incident is recorded",
        Notification => "The notification to the national panel is recorded",
        RapidReview => "The rapid review and its decision are recorded",
        ReviewStarted => "The review is recorded",
        Published => "The date the review was published is recorded",
        Slippage => "The slippage and its reason are recorded",
        ActionAdded => "The action is added to the review",
        Evidence => "The evidence is added to the action",
        Status => "The action's status is changed",
        Shared => "The sharing of the learning is recorded",
        DraftItem => "Your correction to the item is saved in the draft",
        DraftItemRemoved => "The item is removed from the draft",
        DraftAction => "Your correction to the action is saved in the draft",
        DraftActionRemoved => "The action is removed from the draft",
        Confirmed => "The review is confirmed: it is now part of the partnership's record",
        Discarded => "The draft is discarded: nothing from it is kept",
        Imported => "The document is read: check the draft before you confirm it",
        "item-finding" => "The finding is added to the review",
        "item-lesson" => "The lesson is added to the review",
        "item-recommendation" => "The recommendation is added to the review",
        "item-goodpractice" => "The good practice is added to the review",
        _ => null,
    };
}
