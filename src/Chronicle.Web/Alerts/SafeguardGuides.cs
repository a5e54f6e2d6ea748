namespace Chronicle.Web.Alerts;

/// <summary>What a safeguard is for, in the catalogue's words: the reviews' lesson in brief, when it fires, what it asks for and who is told.</summary>
public sealed record SafeguardGuide(string Lesson, string FiresWhen, string AsksFor, string Told);

/// <summary>
/// The catalogue's description of each safeguard (docs/safeguards.md), for the safeguard pages and the API. The
/// rules themselves are the classes in Core's Safeguards/Catalogue; this is what they are explained with.
/// </summary>
public static class SafeguardGuides
{
    public static SafeguardGuide? For(string safeguardId) => All.GetValueOrDefault(safeguardId);

    public static readonly IReadOnlyDictionary<string, SafeguardGuide> All = new Dictionary<string, SafeguardGuide>(StringComparer.Ordinal)
    {
        ["SG-01"] = new(
            "Baby R: bruise at 6 days old (000); S22: bruising to the arm at 4 weeks (002); BF: injuries (004); Bury: the bruising process not followed by the MASH, the referral not acted on the same day",
            "An injury, bruise or mark is recorded on a child who is not independently mobile (mobility recorded as not independently mobile, or no mobility recorded and age under the threshold), and a step of its pathway is late, or the front door takes the referral no further without a strategy discussion. Until then the pathway and its due steps are a reminder. A mark whose clinical explanation (a cannula, a birth mark) is accepted by a recorded decision (medical-explanation: who accepted it and why) leaves the pathway, where the setting says so",
            "Referral to children's social care the same working day; children's social care's decision on it the same working day; a paediatric opinion (child protection medical) within 1 working day; a strategy discussion (or a recorded decision on one after the medical)",
            "Recorder; front door; everyone involved"),
        ["SG-02"] = new(
            "BF: A&E attendance of a child on a CP plan; police told only the next day (004, Finding BF7)",
            "An attendance at A&E, urgent care or a walk-in centre is recorded for a child on a CP plan, looked after, or in an open s47 enquiry",
            "The lead social worker told at once (acknowledged); when the attendance is an injury whose cause may be non-accidental, police notified the same day",
            "Lead social worker; police for the area; hospital safeguarding team"),
        ["SG-03"] = new(
            "Baby R: medical could not determine the cause; the s47 assessment recorded the bruise as from the birth (000)",
            "An assessment or decision records an injury as explained or accidental while the latest medical opinion on that injury is undetermined or non-accidental",
            "Manager review: correct the assessment, or record why it differs",
            "Assessment author; their manager"),
        ["SG-04"] = new(
            "Baby R: medical notes reached the social worker 14 days after dictation; their actions were not evidenced (000)",
            "A child protection medical is recorded and its report is not received by the lead social worker within the setting; or an action in the report has no owner within 1 working day; or such an action passes its due date",
            "Report received; every action owned and done",
            "Lead social worker; paediatrician; manager"),
        ["SG-05"] = new(
            "Family L: a dilute urine sample was recorded as negative, and other agencies repeated it (001)",
            "A test result is recorded as inconclusive, sample rejected or not done",
            "A repeat test or a recorded decision within the setting. Independently of this alert, the record never stores or shows such a result as negative, in any summary",
            "Who asked for the test; lead professional"),
        ["SG-06"] = new(
            "Baby R: health recorded the father at the family home; the s47 assessment recorded him elsewhere (000). Emily: health knew of a move that others did not (003). Birmingham: incorrect information in the referral; the mother's denial accepted over what health professionals saw",
            "Two agencies' current records disagree on a child's or household member's address, household membership or date of birth; or an account of what happened (account) contradicts what another entry records; or a referral is corrected after children's social care decided on it and children's social care has not reconsidered it. A contradicting account or a corrected referral is a reminder until its response is due",
            "The lead professional records which is right, or that it is not known (a conflicting-facts decision about the person or the incident); a corrected referral's decision reconsidered",
            "Lead professional; both recording agencies; front door manager for a corrected referral"),
        ["SG-07"] = new(
            "Baby R: the father's anger and a domestic abuse incident were on record but absent from the s47 analysis (000). Devon: the father's older child injured, a finding of fact; maternal mental health; domestic abuse in pregnancy. Birmingham: the father's history shared but not considered. Leeds: the fathers' adverse childhood experiences known but their impact on parenting not considered; Leeds: a father's children from previous relationships known but his background as a father not understood",
            "Risk is judged while the chronology holds risk indicators about a parent or household member that the judgement does not analyse. Points where risk is judged: an assessment of the child is completed (child and family, s47, pre-birth, early help, health needs, antenatal, new birth); the front door takes a contact no further; a strategy discussion, a meeting that judges risk (strategy meeting, conference, core group, child in need review) or a plan's start or review records what it weighed (risksAnalysed), or, without recording it, ends the work (no further action, the plan ends). Indicators: domestic abuse, violence, information about an adult that bears on risk (adult-concern of any type but where they are: substance misuse, alcohol, mental health, offending, a learning disability, or a concern written as other), an injury to another child in the household, a prior child protection plan, and a parent's history (parent-history: harm to any child, a finding of fact, proceedings, children removed, care experience, adverse childhood experiences), which has no look-back. Where the judgement records risksAnalysed, only that counts (mentioned is not analysed); an older assessment is read by risksAddressed, unless every topic it considered is a recognised need naming no harm or risk (housing, a support network, young parents), when what it references was mentioned, not analysed; wording recognised as neither is unknown and read as before, never as \"no risk weighed\". Another child's child protection plan is prior history when it started before this episode (the latest contact about the child) or had ended; a twin's or sibling's plan made in the same episode is the same work. A judgement that ends the work and records nothing about risk, while an indicator is on record that no judgement has analysed, is asked to record what it weighed: a reminder until that is due, an alert once it is late (what it analysed stays unknown; the record of it is missing). An assessment open past the setting is reminded of the indicators nothing has analysed, never alerted while it is open. One alert per child per unanalysed indicator: it names the latest judgement that passed it by and lists the earlier ones as evidence; a later judgement that analyses it, or a decision on it, answers it",
            "The judgement analyses each indicator (or records what it weighed), or a decision records why it is not relevant",
            "Assessment author or decision maker; manager"),
        ["SG-08"] = new(
            "Family L: information given to social care in January was not shared until the conference in May (001). Baby R: \"if professionals don't know about actions they can't complete them\" (000)",
            "A significant entry about a child in an open assessment, enquiry or plan is not shared with the team within the setting, or is shared but not acknowledged by a team member within the setting",
            "Share it; each recipient acknowledges",
            "Recorder; then recorder's manager"),
        ["SG-09"] = new(
            "Family L: professionals working with the adults must be included (001). Baby R: all agencies in contact with the family contacted during the s47 (000)",
            "A professional or agency known to work with the child or with an adult in the household (from involvements, or from entries they recorded) is not in the team around the child while an enquiry or plan *about the child* is open (a strategy discussion about another child that names a parent opens nothing in this child's file)",
            "Add them, or record why not",
            "Lead professional"),
        ["SG-10"] = new(
            "BF: not all agencies invited to the ICPC; the GP should be (004, Finding BF6). Emily: key professionals and schools at conferences and core groups, including in holidays (003)",
            "A strategy discussion, conference or core group is scheduled and an involved agency is not invited (the GP, health visitor or school nurse, and the school or early years setting are always expected; police for strategy discussions and conferences; a meeting moved is judged on its new day, one cancelled not at all); or after it, an invited agency neither attended nor sent a report",
            "Invite; chase the report; record why absent",
            "Chair or organiser; lead professional"),
        ["SG-11"] = new(
            "Emily: health knew the family had moved; others were not told (003)",
            "A change of address is recorded by one agency for a child in an open assessment, enquiry or plan, and the lead professional has not acknowledged it within the setting",
            "Lead professional acknowledges; the team is told",
            "Recorder; lead professional"),
        ["SG-12"] = new(
            "Family L: the father included only late (001). BF: the father disengaged, weakening the risk assessment (004, Finding BF3). Baby R showed the good practice (000). Birmingham: the father not assessed. Leeds: fathers and partners not assessed as parents",
            "An assessment (social care, early help or health) or plan is completed while a parent (including a father who lives elsewhere or is in prison) or an adult in the household has not been assessed, with no recorded attempts: where the assessment records parentingAssessed, seen is not enough; where an older assessment does not, seen counts unless every topic it considered is a recognised need naming no harm or risk (unknown wording is read as before) while information about that adult bearing on their parenting (adult-concern, parent-history) was on record (seen, not assessed as a parent); or an assessment has been open past the setting without its own agency seeing them or recording attempts; or a strategy discussion that ends the work (no further action), a child protection conference (initial, review, transfer-in; one that starts a plan that day is judged as the plan) or a safety plan judges the child's safety while such an adult has not been assessed as a parent: by the judgement itself where it records parentingAssessed (then seen is not enough), or, where it does not say (\"not recorded\", never read as assessed), by nothing in the episode that assessed, saw or tried to see them (a reminder until the response is due, then an alert); or such an adult has had no contact with the team for the setting while a plan is open (counted from their last contact, the plan's start, or the day they joined the child's household, whichever is latest: someone who moved in yesterday has not gone six weeks unseen). One alert per adult, naming them (their role and name) in what it found and what it asks",
            "See and assess them as a parent, or record the attempts and why not",
            "Assessment author; lead professional"),
        ["SG-13"] = new(
            "Emily: changes in who lives in the household should lead to an updated assessment (003)",
            "Someone joins or leaves the household of a child on a CIN or CP plan, or the child moves household; a baby joining on the day they are born, whose own plan started before the birth (a pre-birth plan, the child's or a twin's), is the birth the plan was made for, not a change. The child's own move is one change: leaving one home and joining another the same day, and the people who lived with the child the day before and move into the new home with them that day (brothers and sisters placed together, a parent), are that move, not someone joining; someone new in the new home is still a change",
            "An updated assessment within the setting, and the plan reviewed",
            "Lead professional; manager"),
        ["SG-14"] = new(
            "Baby R: a black eye on the older child months before Baby R's injuries (000)",
            "A concern, injury or referral is recorded about one child, and another child (including an unborn child) lives in the same household or has the same parent. One alert per other child while they are unconsidered, naming them: a later concern before they are considered adds to it as evidence (it stays keyed by, and due from, the first unanswered concern); a concern after a consideration starts a new one",
            "A recorded consideration of each other child",
            "Lead professional"),
        ["SG-15"] = new(
            "Emily: 12 contacts with social care in two years, none leading to an assessment (003)",
            "At least N contacts or referrals about a child or sibling group within the window, with no assessment completed in that window",
            "A manager reviews the whole history and records a decision",
            "Front door manager"),
        ["SG-16"] = new(
            "Emily: \"was not brought\" policies not followed (003)",
            "A child on a CIN or CP plan is not brought to a health appointment (an alert at once); or any child is not brought N times within the window (a reminder until the response is due, then an alert)",
            "The health professional tells the lead professional; the lead records what was done",
            "Health professional; lead professional"),
        ["SG-17"] = new(
            "BF: continued non-engagement significantly increases the risk (004, Finding BF1)",
            "At least N missed visits, missed appointments or declined assessments by a parent within the window while an assessment or plan is open",
            "A plan review that considers escalation (conference, pre-proceedings), with a recorded decision (a decision on plan-review, a conference, pre-proceedings, or a decision on escalation); the count starts again after it",
            "Lead professional; manager"),
        ["SG-18"] = new(
            "Emily: alcohol and domestic abuse concerns from 2013, no assessment until 2015 (003)",
            "The chronology holds risk indicators of at least two kinds (domestic abuse, parental substance misuse, parental mental health, neglect) spanning at least the setting, and no assessment in that span (of the child, or of a brother or sister, as a contact about a brother's or sister's neglect is an indicator) considered neglect or cumulative harm. An indicator dated only to its month or year may have happened on any day of it: the span must be complete whichever day that was",
            "An assessment that considers cumulative harm",
            "Lead professional or front door manager"),
        ["SG-19"] = new(
            "Family L: ten months from referral to removal (001). BF: delay in the assessment delayed everything after it (004, Finding BF4). Bury: the referral not acted on the same day",
            "A timescale has passed: referral decision (1 working day; the same working day for a referral recorded as critical, where Working Together says to act at once); child and family assessment (45 working days from referral); ICPC (15 working days from the strategy discussion that started the s47); first core group (10 working days from the ICPC); first review conference (3 months from the ICPC), then every 6 months; transfer-in conference (15 working days). From the warning point until the due time the clock is a reminder in the owner's work, not an alert",
            "The step done, or the reason for exceeding recorded (statutory guidance allows this)",
            "Owner of the step; manager"),
        ["SG-20"] = new(
            "Family L: delays through sickness; managers should review promptly (001)",
            "The allocated worker of a child with open actions or alerts is recorded absent for more than the setting, and no manager review or reassignment is recorded",
            "Manager review or reassignment",
            "Team manager"),
        ["SG-21"] = new(
            "Baby R: no evidence of effective supervision; request it when child protection cases open and before they close (000)",
            "An enquiry or plan is opened and no management supervision is recorded within the setting; or closure is proposed with no supervision recorded since the last significant entry",
            "Supervision recorded; closure waits for it",
            "Allocated worker; manager"),
        ["SG-22"] = new(
            "Baby R: the case closed while the medical's actions were outstanding (000)",
            "Closure of a case is proposed while it has open actions, unresolved alerts or pending results",
            "Each completed, handed on, or closed with a reason",
            "Allocated worker; manager"),
        ["SG-23"] = new(
            "Emily: plans must say the concern, the action, who, when and the measure of success, and be reviewed at every meeting (003)",
            "A CIN or CP plan item lacks an owner, a due date or a success measure; or a core group or CIN meeting is held without recording a review of the plan",
            "Complete the item; record the review",
            "Lead professional; chair"),
        ["SG-24"] = new(
            "Family L: no record of what the school support worker should do if concerns escalated or the children could not be seen (001)",
            "A safety plan names a participant with no contingency for \"concerns escalate\" and \"the child cannot be seen\"",
            "The contingencies recorded",
            "Lead professional"),
        ["SG-25"] = new(
            "BF: delays meant the baby went home before the assessments were done; the risk of physical harm should be considered with neglect (004, Findings BF2, BF4). Devon: barriers to establishing the risk to the unborn child",
            "A pregnancy with risk factors is referred and the pre-birth assessment is not complete by the gestation setting, or a needed ICPC is not held by its gestation setting; or a pre-birth assessment does not record consideration of physical harm when it identified a risk of neglect (risksIdentified names neglect; considering neglect and ruling it out is not identifying it; an older assessment that does not record risksIdentified is read by what it considered) or the record already indicated physical harm (a referral naming physical abuse, domestic abuse or violence in the family within the look-back, a parent's history of harm to a child, which has no look-back)",
            "The assessment, conference and birth plan done in time; physical harm considered",
            "Lead social worker; manager; midwife"),
        ["SG-26"] = new(
            "S22: a baby new to the area, mother's antenatal care elsewhere, a teenage parent known to social care as a child (002). BF: moves between areas hid risk (004, Finding BF5)",
            "A child or parent is recorded with a previous address in another local authority area within the look-back, and records from that area (social care, and health where relevant) have not been requested within 1 working day or not received within the setting",
            "Request and receive the records; a transfer-in conference for a child already on a plan elsewhere",
            "Lead professional; front door"),
        ["SG-27"] = new(
            "S22: police protection was used; bring the case before the court as soon as possible (002)",
            "A child is recorded in police protection (Children Act 1989 s46)",
            "A recorded decision on an emergency protection order or other court application before 72 hours have passed",
            "Lead social worker; manager; police"),
        ["SG-28"] = new(
            "S22: the decision to discharge a baby must rest on the main carer, and reassurances weighed with care (002)",
            "A hospital discharge is planned or recorded for a child in an open enquiry, on a CP plan, or with an open SG-01 alert, with no discharge decision recorded by social care naming who the child goes home to",
            "A discharge decision naming the carer and the safety plan",
            "Hospital safeguarding team; lead social worker"),
        ["SG-29"] = new(
            "Birmingham: \"attempts by the referring agencies to escalate the concerns took too long\". Devon: barriers to challenging professionals about decision making",
            "A professional's escalation (a decision on escalation: challenge of a decision about the child) has no response (a decision on escalation-response naming it, a later decision about it, or a decision on the escalation by the agency whose decision it challenges: the one that decided on the contact or decision it names, failing that the agency it names, aboutAgencyId) within the setting; an escalation that names neither is not read as challenging any agency (never a guessed value), so only a response naming it, or a decision about it, answers it; such a decision is the response, not a further escalation",
            "The manager the escalation went to records the response; the professional who escalated is told",
            "Front door manager (or the lead social worker); the professional who escalated"),
        ["SG-30"] = new(
            "Bury: \"There was a lack of recording, within the MASH, despite detailed conversations on the day from the Health Visitor.\"",
            "Information about a child is shared with children's social care before any assessment, enquiry or plan is open (so SG-08 does not yet look) and within the setting no children's social care professional acknowledges it and children's social care records no decision on it (a decision about the share or what it shares, or its decision on a contact naming the share itself or the contact it shares)",
            "The front door acknowledges it and records what it was told, with its decision",
            "The front door professional it was shared with; front door manager"),
        ["SG-31"] = new(
            "Birmingham: \"incorrect information within the referral led to professionals stepping down their response to early help and a strategy discussion was not held\". Devon: a strategy discussion / s47 enquiry enables background checks and verification to evaluate the risk to an unborn child",
            "Children's social care takes a contact no further (no further action, information and advice, early help) while the record holds, within the look-back, an injury to the child, a contact suspecting the child is being exploited (suspectedExploitation: criminal or sexual exploitation, harm outside the home, at any age; safeguarding procedures run in parallel with any criminal investigation), or domestic abuse or violence around a child under the age setting or an unborn child, and no strategy discussion is held",
            "A strategy discussion, or a recorded decision not to hold one with its reasons (strategy-discussion about the contact)",
            "Decision maker's manager"),
    };
}
