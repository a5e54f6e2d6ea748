namespace Chronicle.Core.Identity;

/// <summary>
/// Given names that name the same person in practice: a formal name and its usual short forms in England and
/// Wales. Each line is one group; a name may appear in only one group (a name that could belong to two, such as
/// "Alex" for Alexander and Alexandra, goes with the more common, and sex then tells them apart). Folded spellings.
/// </summary>
public static class Nicknames
{
    private static readonly string[] Groups =
    [
        "WILLIAM BILL BILLY WILL WILLS LIAM WILLIE",
        "ROBERT BOB BOBBY ROB ROBBIE BERT",
        "RICHARD RICK RICKY DICK RICH RICHIE",
        "JAMES JIM JIMMY JAMIE JIMMIE",
        "JOHN JACK JOHNNY JON JONNY",
        "JONATHAN JONNIE",
        "MICHAEL MIKE MICKEY MICK MIKEY",
        "CHRISTOPHER CHRIS KIT TOPHER",
        "ALEXANDER ALEX ALEC XANDER SANDY ALFIE",
        "ALEXANDRA LEXIE ALEXA",
        "ELIZABETH LIZ LIZZIE BETH BETTY ELIZA LIBBY BESS ELSIE",
        "KATHERINE KATE KATIE KATH KATHY KAT KITTY CATHERINE CATH CATHY KATHRYN",
        "MARGARET MAGGIE MEG PEGGY MADGE MAISIE",
        "REBECCA BECKY BECCA BEX",
        "SAMANTHA SAM SAMMY",
        "SAMUEL SAMMIE",
        "THOMAS TOM TOMMY",
        "EDWARD ED EDDIE TED TEDDY NED",
        "DANIEL DAN DANNY",
        "DAVID DAVE DAVY",
        "JOSEPH JOE JOEY",
        "JOSHUA JOSH",
        "MATTHEW MATT MATTY",
        "NICHOLAS NICK NICKY",
        "ANTHONY TONY ANT",
        "BENJAMIN BEN BENNY BENJI",
        "CHARLES CHARLIE CHAZ CHUCK",
        "CHARLOTTE LOTTIE CHARLEY",
        "FREDERICK FRED FREDDIE FREDDY",
        "HENRY HARRY HAL",
        "OLIVER OLLIE OLLY",
        "OLIVIA LIV LIVVY",
        "ISABELLA ISABEL ISABELLE IZZY BELLA ISSY",
        "AMELIA MILLIE",
        "EMILY EM EMMIE",
        "JESSICA JESS JESSIE",
        "VICTORIA VICKY TORI VIC",
        "JENNIFER JEN JENNY",
        "DEBORAH DEBBIE DEB",
        "SUSAN SUE SUSIE SUZANNE",
        "PATRICIA PAT PATSY TRISH",
        "ANTHEA THEA",
        "NATHAN NATE",
        "NATHANIEL NAT",
        "GABRIEL GABE",
        "STEPHEN STEVE STEVIE STEVEN",
        "LEONARD LEN LENNY",
        "RAYMOND RAY",
        "DONALD DON DONNIE",
        "RONALD RON RONNIE",
        "GEORGE GEORDIE",
        "THEODORE THEO",
        "ZACHARY ZAC ZACK ZAK",
        "ABIGAIL ABBY ABBIE",
        "ELEANOR ELLIE NELL NELLIE",
        "FRANCESCA FRANKIE FRAN",
        "FRANCIS FRANK",
        "HANNAH HANNIE",
        "JACOB JAKE",
        "MATILDA TILLY TILDA",
        "PENELOPE PENNY",
        "ROSEMARY ROSIE ROSE",
        "SOPHIA SOPHIE",
        "TERENCE TERRY",
        "TIMOTHY TIM TIMMY",
        "PETER PETE",
        "PHILIP PHIL PHILLIP",
        "GERALD GERRY",
        "GARETH GAZ",
        "GARY GARRY",
        "KENNETH KEN KENNY",
        "DOUGLAS DOUG DOUGIE",
        "ANDREW ANDY DREW",
        "ANGELA ANGIE",
        "CHRISTINE CHRISSIE CHRISTINA TINA",
        "CAROLINE CAROL CARRIE",
        "DOROTHY DOT DOTTIE",
        "JACQUELINE JACKIE",
        "LOUISE LOU LOUISA",
        "MADELEINE MADDIE MADDY MADELINE",
        "NATALIE NAT NATTIE",
        "PAMELA PAM",
        "JOSEPHINE JOSIE JO",
        "MOHAMMED MO MOHAMED MUHAMMAD MOHAMMAD MUHAMMED",
        "ALEKSANDER OLEKSANDR OLEKSANDER SASHA",
        "YUSUF YOUSEF YOUSSEF YOUSUF",
        // Transliterations: one name written in the Latin alphabet more than one way.
        "AISHA AYESHA AYSHA AISHAH",
        "FATIMA FATIMAH FATEMA FATMA",
        "ZAINAB ZAYNAB ZEINAB",
        "IBRAHIM EBRAHIM IBRAHEEM",
        "MARYAM MARIAM MERYEM",
        "ABDULLAH ABDULA ABDALLAH",
        "HUSSEIN HUSSAIN HUSAIN HOSSEIN",
        "OLEKSANDRA OLEXANDRA",
        "YEVGENIY EVGENY YEVGENI EVGENI",
        "DMITRY DMITRI DMYTRO",
        "KATARZYNA KASIA",
        "MALGORZATA GOSIA",
        "WOJCIECH WOJTEK",
    ];

    private static readonly Dictionary<string, string> GroupByName = Build();

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Groups)
        {
            var names = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var n in names) map.TryAdd(n, names[0]);
        }
        return map;
    }

    /// <summary>The group's first (formal) name, or the name itself when it is in no group.</summary>
    public static string GroupOf(string folded) => GroupByName.TryGetValue(folded, out var g) ? g : folded;

    /// <summary>Whether the name is in the table (for the documentation and tests).</summary>
    public static bool Knows(string folded) => GroupByName.ContainsKey(folded);
}
