namespace Chronicle.Testing.Identity;

/// <summary>Names and places for generated agency lists, most common first.</summary>
internal static class NameLists
{
    public static readonly string[] Girls =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Ivy", "Florence", "Isabella", "Mia", "Willow", "Sophia", "Grace",
        "Emily", "Ella", "Poppy", "Evie", "Charlotte", "Elizabeth", "Daisy", "Sophie", "Rosie", "Alice", "Matilda", "Harper",
        "Jessica", "Sienna", "Ruby", "Evelyn", "Margaret", "Aisha", "Fatima", "Zainab", "Maryam", "Layla", "Zara", "Maya", "Hannah",
        "Katherine", "Rebecca", "Samantha", "Victoria", "Abigail", "Eleanor", "Penelope", "Natalie", "Chloe", "Megan", "Lauren",
        "Amber", "Holly", "Jasmine", "Scarlett", "Phoebe", "Imogen", "Esme", "Eliza", "Harriet", "Lucy", "Martha", "Nancy", "Orla",
        "Niamh", "Siobhan", "Aoife", "Roisin", "Kasia", "Zofia", "Amelie", "Beatrice", "Clara", "Delilah", "Edith", "Frances",
        "Georgia", "Hazel", "Iris", "Julia", "Keira", "Leah", "Mabel", "Nora", "Ophelia", "Priya", "Quinn", "Rhea", "Sara",
        "Tilly", "Ursula", "Violet", "Wren", "Yasmin", "Zoe", "Anaya", "Bethany", "Caitlin", "Demi", "Erin", "Gemma", "Hollie",
    ];

    public static readonly string[] Boys =
    [
        "Muhammad", "Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Harry", "Jack", "Charlie", "Jacob", "Freddie",
        "Alfie", "Theo", "Henry", "Archie", "Thomas", "William", "James", "Joshua", "Alexander", "Benjamin", "Daniel", "Samuel",
        "Joseph", "Edward", "Michael", "Christopher", "Matthew", "Robert", "Richard", "Nicholas", "Anthony", "Frederick",
        "Jonathan", "Ibrahim", "Yusuf", "Adam", "Isaac", "Finley", "Tommy", "Kai", "Reuben", "Ethan", "Lucas", "Mason", "Logan",
        "Dylan", "Elliot", "Toby", "Max", "Louie", "Albert", "Hugo", "Felix", "Jude", "Rory", "Sonny", "Ronnie", "Teddy", "Stanley",
        "Hussein", "Abdullah", "Dmitri", "Wojciech", "Jakub", "Piotr", "Aaron", "Blake", "Callum", "Declan", "Ewan", "Fraser",
        "Gabriel", "Harvey", "Ivan", "Jayden", "Kieran", "Liam", "Morgan", "Nathan", "Owen", "Patrick", "Riley", "Sebastian",
        "Tyler", "Vincent", "Wesley", "Xavier", "Zachary", "Ahmed", "Bilal", "Caleb", "Dominic", "Elijah", "Frankie", "Grayson",
    ];

    public static readonly string[] Family =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel",
        "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
        "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
        "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
        "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster",
        "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen",
        "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins",
        "Murray", "Dixon", "Harvey", "Kowalski", "Nowak", "Wisniewski", "Ahmed", "Rahman", "Islam", "Okafor", "Mensah", "Nguyen",
    ];

    public static readonly string[] FamilyStarts =
    [
        "Ash", "Black", "Brad", "Brook", "Bur", "Cald", "Chad", "Cran", "Dal", "Elm", "Fair", "Fern", "Gold", "Graves", "Hart",
        "Haw", "Hol", "Kings", "Lang", "Lock", "Mar", "Mer", "Mor", "New", "Nor", "Oak", "Pen", "Pres", "Red", "Rock", "Rush",
        "Sand", "Sel", "Shep", "Stan", "Stock", "Sut", "Thorn", "Under", "Wat", "Wex", "Whit", "Wil", "Win", "York", "Ab", "Bram",
    ];

    public static readonly string[] FamilyEnds =
    [
        "ford", "ley", "ton", "well", "wood", "field", "by", "combe", "den", "ham", "hurst", "lake", "more", "shaw", "stone",
        "thorpe", "wick", "worth", "bridge", "brook", "croft", "dale", "gate", "hill", "holt", "land", "mere", "stead", "ridge",
        "cliffe", "bury", "well-Smith", "sley", "ington", "erton", "ock", "win", "ell", "ard", "ing",
    ];

    public static readonly Dictionary<string, string[]> Nicknames = new()
    {
        ["William"] = ["Bill", "Will", "Billy", "Liam"], ["Robert"] = ["Bob", "Rob", "Robbie"], ["Richard"] = ["Rick", "Rich", "Dick"],
        ["James"] = ["Jim", "Jimmy", "Jamie"], ["Michael"] = ["Mike", "Mikey"], ["Christopher"] = ["Chris", "Kit"],
        ["Alexander"] = ["Alex", "Alec"], ["Elizabeth"] = ["Liz", "Beth", "Lizzie", "Libby"], ["Katherine"] = ["Kate", "Katie", "Kathy"],
        ["Margaret"] = ["Maggie", "Peggy", "Meg"], ["Rebecca"] = ["Becky", "Becca"], ["Samantha"] = ["Sam", "Sammy"],
        ["Samuel"] = ["Sammie"], ["Thomas"] = ["Tom", "Tommy"], ["Edward"] = ["Ed", "Eddie", "Ted"], ["Daniel"] = ["Dan", "Danny"],
        ["Joseph"] = ["Joe", "Joey"], ["Joshua"] = ["Josh"], ["Matthew"] = ["Matt"], ["Nicholas"] = ["Nick", "Nicky"],
        ["Anthony"] = ["Tony"], ["Benjamin"] = ["Ben", "Benji"], ["Charlotte"] = ["Lottie"], ["Frederick"] = ["Fred", "Freddy"],
        ["Oliver"] = ["Ollie", "Olly"], ["Olivia"] = ["Liv", "Livvy"], ["Isabella"] = ["Izzy", "Bella", "Isabel"], ["Amelia"] = ["Millie"],
        ["Emily"] = ["Em"], ["Jessica"] = ["Jess", "Jessie"], ["Victoria"] = ["Vicky", "Tori"], ["Abigail"] = ["Abby", "Abbie"],
        ["Eleanor"] = ["Ellie", "Nell"], ["Hannah"] = ["Hannie"], ["Penelope"] = ["Penny"], ["Natalie"] = ["Nattie"],
        ["Zachary"] = ["Zac", "Zack"], ["Jonathan"] = ["Jonnie"], ["Sophia"] = ["Sophie"], ["Matilda"] = ["Tilly"],
    };

    public static readonly Dictionary<string, string[]> Transliterations = new()
    {
        ["Muhammad"] = ["Mohammed", "Mohamed", "Mohammad", "Muhammed"], ["Aisha"] = ["Ayesha", "Aysha"], ["Fatima"] = ["Fatimah", "Fatema"],
        ["Zainab"] = ["Zaynab"], ["Maryam"] = ["Mariam"], ["Yusuf"] = ["Yousef", "Yousuf"], ["Ibrahim"] = ["Ebrahim", "Ibraheem"],
        ["Hussein"] = ["Hussain", "Husain"], ["Abdullah"] = ["Abdallah"], ["Dmitri"] = ["Dmitry", "Dmytro"], ["Zofia"] = ["Sofia", "Zophia"],
        ["Siobhan"] = ["Shivaun", "Shevaun"], ["Niamh"] = ["Neve", "Neeve"],
    };

    public static readonly string[] Districts =
    [
        "NS", "NT", "LS", "BD", "HX", "WF", "HD", "S", "DN", "YO", "HU", "M", "OL", "BL", "WN", "PR", "BB", "LA", "CA", "DL",
    ];

    public static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Queen Street", "Victoria Road", "Green Lane",
        "Manor Close", "The Crescent", "Orchard Way", "Chapel Street", "Meadow View", "North Road", "Castle Street", "Brook Lane",
        "Albert Road", "King Street", "Oak Avenue", "Elm Grove", "Springfield Road", "School Lane", "New Road", "Grange Road",
    ];

    public static readonly string[] Towns = ["Northtown", "Eastbridge", "Westfield", "Southmoor", "Millbrook", "Ashby", "Kirkdale", "Holmfirth"];
}
