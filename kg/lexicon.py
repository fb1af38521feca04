"""General-English word lists the rules share: reporting verbs, job titles, honorifics, pronouns.

They describe the language of news, not any one article; the gazetteer in ontology/ holds world knowledge.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset("""
say tell add state announce claim insist argue warn explain note write tweet post ask acknowledge admit reply
respond declare confirm contend assert maintain stress emphasise emphasize predict promise vow urge recall
complain testify remark comment observe reiterate concede allege quip joke boast lament charge counter retort
caution signal suggest indicate disclose reveal report inform assure affirm agree estimate conclude continue
describe recount muse opine speculate question wonder demand declare proclaim shout yell scream whisper
concur interject blast slam criticise criticize praise hail threaten tout brag mention recommend advise
implore plead beg confide exclaim mutter murmur grumble call accuse cite quote
""".split())
"""Lemmas of verbs that introduce what someone said (the `said` rule)."""

OBJECT_SPEECH_VERBS = frozenset("""
announce claim confirm reveal disclose stress emphasise emphasize acknowledge admit reiterate allege concede
predict recount warn
""".split())
"""Reporting verbs whose direct object is what was said ("announced plans to ...", "claimed vast wealth"); the
object of "tell", "ask" or "praise" is a listener or a target instead."""

JUDGING_VERBS = frozenset({"call", "accuse"})
"""Reporting verbs that say something only with an object and a judgement: "called the plan a disaster",
"accused the network of bias" ("called for talks" is a proposal, "called him" a phone call)."""

WEAK_SPEECH_VERBS = frozenset("suggest indicate signal continue describe question wonder mention agree".split())
"""Reporting verbs that are often not speech ("polls suggest"): a lower confidence when they report."""

TITLE_HEADS = frozenset("""
president vice-president premier minister secretary spokesman spokeswoman spokesperson spokespeople negotiator
chancellor senator governor mayor ambassador envoy diplomat chief director chairman chairwoman chair chairperson
ceo cfo coo cto executive founder officer commander general admiral colonel lieutenant captain major sergeant
adviser advisor aide counsel counselor counsellor attorney prosecutor judge justice lawyer king queen prince
princess emir sultan sheikh monarch pope cardinal archbishop bishop leader head speaker representative
congressman congresswoman congressperson lawmaker legislator mp mep candidate nominee manager strategist
pollster analyst economist professor researcher scientist expert official officials spokesperson editor
correspondent reporter journalist columnist commentator anchor host producer coach captain striker midfielder
defender goalkeeper player owner boss inspector commissioner superintendent administrator deputy principal
treasurer auditor regulator whip delegate consul attaché attache strongman dictator ruler chieftain warlord
founder co-founder partner investor banker trader dean rector provost chaplain rabbi imam cleric ayatollah
mullah sheriff marshal detective constable chief-of-staff undersecretary under-secretary pm
comedian comic broadcaster presenter actor actress singer musician author writer novelist poet playwright artist
entertainer doctor surgeon nurse physician solicitor barrister campaigner activist consultant engineer
technician staffer tester moderator liaison member keeper winger prop flanker fly-half scrum-half full-back
footballer cricketer batsman bowler athlete jockey historian lecturer teacher architect designer photographer
pundit blogger critic lady coordinator co-ordinator ordinator
councillor councilor councilman councilwoman alderman alderwoman assemblyman assemblywoman assemblymember selectman
""".split())
"""Head nouns of job titles ("Pentagon spokesperson", "chief negotiator")."""

TITLE_MODIFIERS = frozenset("""
deputy vice chief senior top former acting interim shadow staff foreign defense defence interior home finance economy
economic health state prime general lead principal press communications campaign national security attorney
special assistant associate executive managing first second lieutenant supreme high foreign-affairs trade
justice education energy environment environmental transport transportation labor labour agriculture treasury
culture sports tourism information intelligence military armed forces army navy naval air force police
presidential royal party majority minority opposition senior-most longtime long-time veteran outgoing incoming
ex former-president co joint permanent assistant political legal policy media digital regional district
county city local federal provincial parliamentary congressional legislative judicial chief-executive
managing-director commerce industry development emergency homeland veterans affairs public relations human
rights civil liberties
""".split())
"""Words that qualify a title head ("deputy", "foreign", "defense" in "deputy foreign minister")."""

TITLE_CONNECTORS = frozenset({"of", "for", "and", "-"})
"""Words allowed between title words ("Secretary of State", "minister for trade")."""

NATIONAL_TITLE_HEADS = frozenset("""
president vice-president premier chancellor minister king queen emir sultan monarch shah taoiseach
""".split())
"""Last words of titles of national office ("President", "Prime Minister"): held by a person the gazetteer
knows, they belong to that person's country."""

PERSONAL_STAFF_TITLES = frozenset("""
spokesman spokeswoman spokesperson aide adviser advisor lawyer lawyers attorney counsel secretary assistant
chief-of-staff bodyguard biographer
""".split())
"""Titles of people who work for a person rather than an organisation ("Margaret Thatcher's press secretary")."""

US_PARTY_TAGS = {"D": "democratic-party", "R": "republican-party"}
"""Gazetteer ids of the parties in US party tags after a name ("Rep. Gwen Moore (D-Wis.)")."""

TITLES_AFTER_NAME = frozenset("mp mep msp mla qc kc".split())
"""Titles written right after a name ("Frank Field MP")."""

NAME_CONNECTORS = frozenset("""
a of for the and de del della der den di da do dos das du des la le les van von bin ibn al el y e upon on
""".split())
"""Lower-case words that may stand inside a proper name ("Bank of England", "Stade de France", "bin Salman");
any other lower-case word ends a name ("Dyer on the edge of the area" is "Dyer")."""
THING_CONNECTORS = frozenset({"of", "for", "on", "upon", "against"})
"""Connectors that join the head of a law's, award's or event's name to what it is about ("Act of Union"); a name
particle ("de", "van") follows no such head ("Bill de Blasio" is a person)."""

ORGANISATION_WORDS = frozenset("""
inc inc. corp corp. co co. ltd ltd. plc llc group association council party committee union institute foundation
agency bank university college company corporation society trust federation league ministry department center
centre forum fund network commission authority board office bureau club academy museum hospital school airline
airlines airways alliance coalition movement institution partnership ventures holdings laboratory laboratories
lab labs
""".split())
"""Words that make an unknown name an organisation's ("Acme Corp", "Teachers Union", "Bush Presidential Center")."""

ARMED_SERVICES = frozenset({"army", "navy", "air force", "marine corps", "coast guard"})
"""Names of an armed service, made of title words but an organisation when capitalised ("Air Force general
Simon Hale", "the Army said"); "Armed Forces" is no such name ("Armed Forces Minister" is a portfolio)."""

ORGANISATION_CUES = frozenset("""
firm company carrier airline bank lender insurer retailer supermarket chain giant manufacturer provider network
channel newspaper tabloid magazine website publisher studio charity club party union
organisation organization watchdog think-tank startup start-up conglomerate group broadcaster regulator agency
""".split())
"""Common nouns that make the name right after them an organisation ("mobile content firm Zed", "low-cost
carrier Virgin Blue")."""

NOT_NAME_HEADS = frozenset("""
bill act treaty convention accord accords agreement protocol amendment directive prize award awards medal trophy
index programme program show festival games olympics championship championships tournament war revolution
""".split())
"""Last words of names that are laws, awards, events, shows or indices, which are not entities ("Prevention of
Terrorism Bill", "Erikson Prize for ...", "Republican National Convention")."""

WORK_NOUNS = frozenset("""
show programme program series sitcom film movie documentary pantomime panto revue play musical opera ballet
book novel memoir album song single poem painting game video-game
""".split())
"""Nouns for works: the name right after one, or in apposition to one, is a title, not an entity ("radio
show The Brains Trust", "a revue, Tele-Ho")."""

CREDIT_WORDS = frozenset("image images photo photos picture pictures caption copyright video".split())
"""Words of photo credits and captions that NER glues to a name ("Carla Diaz Image caption ...")."""

NOT_NAMES = frozenset("""
islam christianity judaism hinduism buddhism sikhism catholicism protestantism communism socialism capitalism
fascism nazism marxism zionism islamism jihadism
""".split())
"""Capitalised words NER takes for organisations that are religions and ideologies, not entities."""

PERSON_CUES = TITLE_HEADS - ORGANISATION_CUES - frozenset("""
official officials representative delegate host producer owner partner investor head leader chief manager
""".split())
"""Occupation nouns that make the name right after them a person's ("actress Betty Astell")."""

PLACE_WORDS = frozenset("""
street road avenue lane square park river valley bridge station airport hall house palace castle island islands
bay lake mount mountain mountains hill hills county city town village district province state region coast
memorial stadium arena line
""".split())
"""Last words of place names ("Victoria Station", "Jordan Valley"): a given name before them is no person's."""

FEATURES_FIRST = frozenset("river lake loch mount isle gulf".split())
FEATURES_LAST = frozenset("river lake valley island islands mountains peninsula glacier desert ocean sea strait".split())
"""Words that make a name a natural feature's, first ("River Wend", "Lake Geneva") or last ("Wend Valley"): a
place, whatever NER said, unless NER saw a person ("River Phoenix"). Not "channel", "forest", "hill" or "bay",
which end or start clubs and companies as often ("Channel TV", "Nottingham Forest")."""

HEADING_SMALL_WORDS = frozenset("a an the of to in on for and or by with at from as vs but nor is are".split())
"""Words a title-case heading writes in lower case ("Limited Tools to Fight Terrorism")."""

LOCATIVE_PREPOSITIONS = frozenset("in from near outside inside across around throughout via towards".split())
"""Prepositions after which an unknown one-word name is a place ("a doctor from Bolton")."""

CONSTITUENCY_HOLDERS = frozenset("mp mps member candidate seat constituency".split())
"""Nouns after which "for X" names a constituency ("the Labour MP for Birkenhead")."""

HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady sen sen. rep rep. gov gov. gen gen. col col.
lt lt. capt capt. sgt sgt. adm adm. maj maj. rev rev. fr fr. sheikh rabbi imam father sister brother pres pres.
""".split())
"""Honorifics and abbreviated titles that stand before a name and are not part of it."""

TITLE_ABBREVIATIONS = {
    "sen": "Senator", "sen.": "Senator", "rep": "Representative", "rep.": "Representative",
    "gov": "Governor", "gov.": "Governor", "gen": "General", "gen.": "General", "col": "Colonel",
    "col.": "Colonel", "lt": "Lieutenant", "lt.": "Lieutenant", "capt": "Captain", "capt.": "Captain",
    "sgt": "Sergeant", "sgt.": "Sergeant", "adm": "Admiral", "adm.": "Admiral", "maj": "Major", "maj.": "Major",
    "pres": "President", "pres.": "President", "prof": "Professor", "prof.": "Professor",
}
"""Abbreviated titles that are also roles ("Sen. Warren" holds the role Senator)."""

PERSON_PRONOUNS = frozenset("he him his she her hers".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
GROUP_PRONOUNS = frozenset("it its they them their".split())
MALE_WORDS = frozenset("""
mr mr. sir lord king prince duke emperor spokesman congressman chairman businessman father son brother husband
uncle nephew grandfather grandson boyfriend widower stepfather man boy gentleman actor monk
""".split())
FEMALE_WORDS = frozenset("""
mrs mrs. ms ms. miss dame lady queen princess duchess empress spokeswoman congresswoman chairwoman businesswoman
mother daughter sister wife aunt niece grandmother granddaughter girlfriend widow stepmother woman girl actress nun
""".split())
"""Honorifics, titles and kinship words that tell the gender of the person named right after them ("his father
Giuseppe"); used only to choose between antecedents of he/she."""
FIRST_PERSON = frozenset("i me my we us our".split())

GROUP_NOUNS = frozenset("""
official officials diplomat diplomats authorities authority government administration ministry spokesman
spokeswoman spokesperson spokespeople representative representatives negotiators negotiator delegation
source sources aide aides lawmakers legislators leaders leadership team campaign military forces troops army
prosecutors investigators police regulators
""".split())
"""Nouns for unnamed people who speak for an organisation or country ("Ukrainian officials", "a source")."""

STATE_TITLES = frozenset("""
president vice-president premier minister secretary chancellor governor mayor ambassador envoy diplomat
commissioner negotiator official officials spokesman spokeswoman spokesperson prosecutor regulator consul
""".split())
"""Titles of offices that speak for the country or place they belong to ("a Russian diplomat said")."""

KINSHIP_WORDS = frozenset("""
wife husband ex-wife ex-husband widow widower daughter son mother father brother sister stepson stepdaughter
stepmother stepfather grandson granddaughter grandmother grandfather niece nephew aunt uncle cousin fiancee fiance
""".split())
"""Words that introduce a relative of someone in the story ("daughter Chelsea Clinton", "his wife, Heidi"): a
surname alone rather names the family member the story is about."""

WORK_ROLES = frozenset("actor actress producer star screenwriter".split())
"""Jobs held on a film, show or record rather than for an employer: the name before them ("Star Wars actor",
"Sideways producer") is a work, not an organisation."""

INFANT_WORDS = frozenset("baby babies infant newborn toddler".split())
"""Words that introduce a person too young to say, deny or propose anything ("his newborn son Leo")."""

PERSON_NOUNS = frozenset("""
businessman businesswoman billionaire tycoon author writer novelist actor actress singer comedian presenter
broadcaster star veteran activist campaigner prop hooker flanker winger fly-half scrum-half full-back fullback
batsman bowler wicketkeeper forward
""".split())
"""Nouns that describe one known person without being a job title: "the businessman said" refers back to the
person in focus."""

PEOPLE_NOUNS = frozenset("""
man woman boy girl person child teenager resident voter patient victim witness student worker friend neighbour
neighbor mother father son daughter wife husband brother sister boyfriend girlfriend widow widower grandmother
grandfather aunt uncle
""".split())
"""Nouns for people a story often leaves unnamed ("the woman", "her boyfriend"): as the subject before "she
said" they keep the pronoun from a name further back."""

WRITTEN_WORKS = frozenset("""
book report study memo letter article column editorial essay memoir biography statement tweet post blog
""".split())
"""Written works that speak for their author: "the book by Robert Peston said", "a statement by the ministry"."""

DELEGATE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson spokespeople representative aide aides adviser advisor advisers advisors
official officials source sources lawyer lawyers attorney attorneys staffer staffers member members
""".split())
"""Nouns that, followed by "for X"/"to X"/"of X", denote someone speaking on behalf of X."""

DOCUMENT_NOUNS = frozenset("""
e-mail email mail letter memo memorandum message statement tweet post speech note article column op-ed blog
submission manifesto report
""".split())
"""What someone writes or delivers, whose content is its author's ("Mr Campbell's e-mail suggested ...")."""

DAY_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
""".split())

FEMALE_FIRST_NAMES = frozenset("""
abigail ada adriana agnes aileen alexandra alexis alice alicia alison amanda amber amelia amy ana andrea angela
angelina angelique ann anna anne annie april ariana ashley audrey barbara beatrice becky belinda betty beverly
bonnie brenda bridget brittany camila carla carly carmen carol caroline carolyn catherine cecilia charlotte
chelsea cheryl chloe christina christine cindy claire clara claudia colleen connie courtney cynthia daisy dana
danielle debbie deborah debra denise diana diane dianne donna doris dorothy edith eileen elaine eleanor elena
elisabeth elise elizabeth ella ellen eliza emily emma erica erin esther eva evelyn fatima fiona florence frances
gabriela gail gillian gina gloria grace hannah harriet hazel heather heidi helen helena hillary holly hope
ilhan ingrid irene isabel isabella ivana ivanka jacqueline jane janet janice jasmine jean jeanne jennifer jenny
jessica jill joan joanna jodi josephine joyce judith judy julia julie june karen karin kate katherine kathleen
kathryn kathy katie kayleigh kellyanne kelly kim kimberly kirsten kristen laura lauren leah leslie lily linda
lindsay lisa liz loretta lorraine louise lucy lydia lynn madeleine madison maggie margaret margarita maria
marian marie marilyn marina marine marion marjorie martha mary maxine megan melania melanie melinda melissa
meredith mia michelle mildred miriam molly monica nadia nancy naomi natalia natalie nicola nicole nikki nina
nora olga olivia pamela patricia paula pauline peggy penny priscilla rachel rebecca regina rita roberta rosa
rosalind rose ruth sabrina sally samantha sandra sara sarah sharon sheila shirley sofia sonia sophia sophie
stephanie susan susanne suzanne sylvia tamara tammy tanya teresa theresa tiffany tina tracy ursula valerie
vanessa vera veronica victoria virginia wendy yvette yvonne zoe siobhan niamh aoife sinead kirsty fiona shona
""".split())
MALE_FIRST_NAMES = frozenset("""
aaron adam adrian alan albert alex alexander alfred ali allen andrew andy angelo anthony antonio arthur barack
barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brian bruce bryan carl carlos
charles charlie chris christian christopher chuck clarence colin craig dale dan daniel danny darren dave david
dean dennis derek dick dmitry dmitri don donald doug douglas dylan eddie edward elijah emmanuel eric ernest
eugene evan frank fred frederick gabriel gary gavin george gerald gerhard gordon graham greg gregory harold
harry henry howard hugh ian isaac jack jacob jake james jamie jason jeb jeff jeffrey jeremy jerry jesse jim
jimmy joe joel john johnny jon jonathan jordan jorge jose joseph josh joshua juan justin keith ken kenneth
kevin kirk kyle larry lawrence lee leo leon leonard lindsey louis luis luke marco marcus mario mark martin
matt matthew max michael miguel mike mitch mitt nathan neil nicholas nick nigel noah norman oliver oscar
patrick paul peter philip phil raymond reince rex richard rick rob robert roberto roger ron ronald roy rudy
russell ryan sam samuel scott sean sergei sergey seth simon stanley stephen steve steven stuart ted terry
thomas tim timothy todd tom tony travis trevor troy tyler victor vincent vladimir volodymyr walter warren
wayne william willie xavier yuri zachary dominic liam kieron graeme shane damian declan rory callum connor owen
rhys gareth hamish alastair alistair duncan angus fraser euan ewan
""".split())
"""Common given names by the gender news pronouns use for their bearers; only used to keep "she" from
resolving to a "Donald" when an "Hillary" is at hand, never to assert anything in the graph."""
