"""Articles written for the rule tests (our own sentences, never copied from licensed corpora).

Each constant is parsed once by `python tests/freeze.py` into tests/frozen/docs.json (spaCy `Doc.to_json`),
so the rule tests measure our rules on fixed parses, not the statistical model of the day.
"""

# ---------------------------------------------------------------- said
SAID_DIRECT = "\u201cWe will not retreat from the city,\u201d Pentagon spokesperson John Kirby said on Monday."
SAID_INDIRECT = "Kirby said that the troops would stay in Kyiv until the spring."
SAID_TOLD = "Kremlin spokesman Dmitri Peskov told reporters that the talks had been useful."
SAID_ACCORDING_TO = "The talks collapsed on Monday after a dispute over the agenda, according to Reuters."
SAID_NESTED_ACCORDING = ("\u201cThe bridge is closed,\u201d Mayor Vitali Klitschko told reporters, "
                         "according to the Associated Press.")
SAID_HE_ADDED = ("Pentagon spokesperson John Kirby said the convoy had turned back.\n\n"
                 "\u201cWe should watch for a new offensive in the east,\u201d he added.")
SAID_ADDING_QUOTE = ("Erdogan told the two sides that a ceasefire would benefit everyone, adding, "
                     "\u201cWe believe real progress is possible this week.\u201d")
SAID_ADDING_THAT = ("Antony Blinken said the administration saw no sign of progress, adding that the "
                    "United States remained focused on Russian actions.")
SAID_SPEAKER_NEXT = ("\u201cWe are ready for peace, and we want it to last for a generation.\u201d\n\n"
                     "Peskov said so on Monday in Moscow.")
SAID_COLON = "Zelensky put it bluntly: \u201cWe will defend every city and every village of our country.\u201d"
SAID_CONTINUATION = ("\u201cThe convoy has stopped,\u201d Kirby said. \u201cIt is not moving toward the capital "
                     "any more, and we do not know why.\u201d")
SAID_CONTINUATION_NEXT_PARAGRAPH = ("\u201cThe convoy has stopped,\u201d Kirby said.\n\n"
                                    "\u201cIt is not moving toward the capital any more, and we do not know why.\u201d")
SAID_DASH_SIGNATURE = ("\u201cThe debate showed who he really is, and it scared me.\u201d \u2015 Maria Delgado\n\n"
                       "\u201cI will vote for the first time this year.\u201d \u2015 Tom Okafor")
SAID_TRANSCRIPT = ("Chris Wallace interviewed Mike Pence on Sunday.\n\n"
                   "WALLACE: Will the governor attend the debate tomorrow night?\n\n"
                   "PENCE: Well, look, the governor will be there with his family.")
SAID_DOUBLE_APOSTROPHE = "''We need money to pay our producers,'' Larry King said."
SAID_RELATIVE_WHO = "Nancy Pelosi, who leads the House Democrats, said the bill would pass next week."
SAID_TOLD_TO = "Barack Obama told his advisers to find a way around Congress."
SAID_ORGANISATION_NOUN = ("Wells Fargo fired thousands of employees over fake accounts.\n\n"
                          "The bank said that the practice had ended in 2016.")
SAID_CAMPAIGN = "The Clinton campaign said the advertisement would air nationally."
SAID_UNRESOLVED_CLAIMS_QUOTE = ("The governor of the state said the media are to blame for "
                                "\u201cfocusing on what he said and what he tweeted.\u201d")
SAID_NESTED_REPORT = "Kirby said Peskov told him that the convoy would turn back."
SAID_HONORIFIC_AND_ABBREVIATION = ("Barack Obama spoke first.\n\n"
                                   "Mr. Obama said the plan would work. Sen. Elizabeth Warren disagreed.\n\n"
                                   "\u201cIt will not work,\u201d Warren wrote on Twitter.")
SAID_WHITE_HOUSE = "The White House said the president would sign the bill on Friday."
SAID_SPOKESMAN_FOR = "A spokesman for the Pentagon said the drill had ended."
SAID_PARTY_NOMINEE = ("Democratic presidential nominee Hillary Clinton spoke in Ohio.\n\n"
                      "The Democratic nominee said the economy needed new investment.")
SAID_CUES = ("Kirby insisted that the troops were safe. Peskov warned that the talks could fail. "
             "Blinken tweeted that the meeting had gone well. Zelensky acknowledged that the losses were heavy.")
SAID_PLACE = "\u201cWe support that,\u201d Antony Blinken told reporters during a visit to Morocco."
SAID_MULTI_SENTENCE = ("\u201cSecurity comes first. Neutrality is possible. This is the most important point of "
                       "all,\u201d Zelensky said in a video call.")
SAID_INTERRUPTED = ("\u201cWe are ready to talk,\u201d Medinsky said, \u201cbut only once a draft agreement "
                    "is on the table.\u201d")
SAID_INVERTED = "The talks had been useful and would continue next week, an aide to Zelensky said."
SAID_APPOSITION = ("Russia\u2019s chief negotiator, Vladimir Medinsky, said the Kremlin would consider "
                   "a meeting of the two leaders.")
SAID_DESCRIPTION = ("A deputy Russian defense minister said on Tuesday that Russia would reduce military "
                    "activity near Kyiv.\n\nRussian Deputy Defense Minister Alexander Fomin gave no timetable.")
SAID_GROUP = "Ukrainian officials said the negotiations in Istanbul had been constructive."
SAID_NEGATED = "Kirby did not say that the troops would leave the region."
SAID_NO_ENTITY = "The report said the economy grew by two percent in the last quarter."
SAID_SCARE_QUOTE = "Ukraine voted in 2014 to abandon its \u201cneutral status\u201d and to seek closer ties with NATO."
SAID_COLLAPSED_PARAGRAPHS = ("Coach Maria Lopez said: \"We were poor in the first half. \"After the break we played with "
                             "more belief. \"I am proud of the players.\" The club plays again on Saturday.")
SAID_FOLLOW_ON_NOT_NEXT_NAMED = ("\u201cThe convoy has stopped,\u201d Kirby said.\n\n"
                                 "\u201cWe expect it to move again within days.\u201d\n\n"
                                 "Peskov warned on Tuesday that the talks could fail.")
SAID_SHE_KINSHIP = ("Mrs Ortega was the neighbour with whom her brother Paolo had planned to stay.\n\n"
                    "She said the fire had started during the night.")
SAID_PASSIVE_ASKED = ("Voters questioned the candidates at the town hall. Nurse Kim Lee was asked: "
                      "\u201cWhy do you want the job at all?\u201d")
SAID_ADDING_INSIDE_REPORT = ("Tom Reyes said the mayor had acted quickly, adding: "
                             "\u201cShe saved the town from a far worse flood.\u201d")
SAID_DESCRIPTION_BACK = ("Tom Baker, who owns three hotels in the city, criticised the new tax on Sunday.\n\n"
                         "\u201cWho exactly is going to pay for all of this?\u201d the businessman asked.")
SAID_DESCRIPTION_CHAIN = ("Maria Lopez says too much is made of John Carter's speeches.\n\n"
                          "The Democratic vice presidential nominee was speaking Friday in Dayton, hours after Carter "
                          "attacked a former rival.\n\nThe Ohio senator said the media are to blame for the feud.")
SAID_DESCRIPTION_NOT_NAMED_AFTER_IT = ("Lawyers for Maria Lopez filed papers opposing the request.\n\nMaria Lopez said "
                                       "her privacy mattered more.\n\nThe judge later wrote to Maria Lopez that the "
                                       "file would stay sealed.")
SAID_GENDERED_DESCRIPTION_OF_A_TITLED_PERSON = ("Former secretary of state Jane Roe spoke to veterans in Ohio on "
                                                "Monday, where she defended her record and thanked her hosts.\n\n"
                                                "The former first lady said the war had been a mistake.")
SAID_SURNAME_NOT_THE_WIFE = ("Former governor Tom Reyes campaigned in Flint on Monday for his wife Ana Reyes.\n\n"
                             "\u201cThe insurance system is broken,\u201d Reyes said.")
SAID_SURNAME_NOT_THE_DAUGHTER = ("Linda Morales left the rally early and went to her daughter Sofia Morales\u2019s apartment "
                                 "to rest.\n\nMorales said later that she had felt unwell in the heat.")
SAID_PRONOUN_PAST_AN_UNFITTING_TITLE = ("Striker Tom Baker expects a hard game against Leeds on Saturday.\n\n"
                                        "The Derby captain is in the form of his life. But he knows the defence will "
                                        "test him. \u201cThey are strong at the back,\u201d he told reporters.")
SAID_HIS_LAWYER = "Mark Fenn refused to testify before the committee. His lawyer said the hearing was unfair."
SAID_BOOK_BY = "The book by the journalist Ruth Kane said the two leaders rarely spoke."
SAID_BOOK_TITLE = "The book, Kane's Empire, said the two leaders rarely spoke."
SAID_UNNAMED_WOMAN = ("The woman had met Mayor Ann Price at the station last week.\n\n"
                      "She said the bus service had been cut without warning.")
SAID_INVERTED_COLON = ("Governor Maria Ruiz spent the morning with the volunteers in Texas.\n\n"
                       "Said Ruiz: \u201cWe are not finished with this town yet.\u201d")
SAID_SPOKESMAN_HE = ("A spokesman for Acme Corp told the BBC that the plant would close in May. "
                     "He said the workers would be paid until the end of the year.")
SAID_QUOTED_NAME_IS_NOT_THE_SPEAKER = ("Senator Tim Ross spoke on Monday.\n\n"
                                       "\u201cMr Smith is wrong about the budget,\u201d he said.")
SAID_PRONOUN_CHAIN = ("Maria Chen spoke first at the rally.\n\nShe started with the economy. She then turned to "
                      "schools. She ended with the hospitals.\n\n\u201cWe can do better than this,\u201d she said.")
SAID_PARENTHETICAL = "Even if the plant closes next year, Mr Okafor said, the town has already found new work."
SAID_BECAUSE = ("Tina Marsh said the bridge had to close, because the engineers had found cracks in two of its "
                "supports.")
SAID_ANNOUNCED_OBJECT = ("Transport minister Ana Silva announced plans to rebuild the northern rail line. "
                         "She praised the engineers.")
SAID_HONORIFIC_SURNAME_IS_A_TITLE_WORD = ("Ben King hosts the evening show on the network.\n\n"
                                          "\u201cWe have never been told what to say,\u201d Mr. King said.")
SAID_STATE_OFFICIAL = "Ohio's tax commissioner says an internal review found no leak of the filings."
SAID_PARTY_NOMINEE_IS_NOT_THE_PARTY = "An ANC candidate said the plan would fail."
SAID_CLAUSE_AFTER_COLON = ("The result set off a long night of argument in the council: Tom Reyes said the vote had "
                           "been rushed.")
SAID_CALLED_AND_ACCUSED = ("Senator Ruth Ames called the new budget a betrayal of rural voters. She accused the "
                           "treasury of hiding the cost. She also called for an inquiry into what she called waste.")
SAID_THE_COMPANY_UNKNOWN_TO_THE_GAZETTEER = ("Shares in Tasman Airways Ltd fell sharply on Monday.\n\n"
                                             "The company said the cuts would end in March.")
SAID_NOT_THE_BABY = ("Tom Grant spoke to reporters outside the hospital.\n\n"
                     "His newborn son Leo had arrived early on Monday.\n\n"
                     "\u201cWe are so relieved that everyone is well,\u201d he said.")
SAID_NEWSPAPER_CITED = ("Union leaders met the rail operators in London on Monday.\n\n"
                        "\u201cThe strike will go on until the offer improves,\u201d the Guardian cited an unnamed union "
                        "official as saying.")
SAID_QUOTED_AS_SAYING = "Pay talks broke down, with Maria Lopez quoted as saying that the offer was an insult."
SAID_IMPLORED = ("\u201cDon't you care about the river at all?\u201d, implored environmental campaigner "
                 "Barry Lim.")
SAID_SPORTS_POSITION = ("Tom Price trained fully with the squad on Thursday.\n\n"
                        "The prop said: \u201cWe are ready for their scrum.\u201d")
SAID_UNREALISED = ("Senator Ruth Ames dared the minister to say that the scheme had worked. "
                   "She later went on to say that the scheme had failed.")
SAID_QUOTE_ENDS_BEFORE_NEW_SUBJECT = ("\u201cWe will rebuild the school,\u201d the mayor, Ana Ruiz, said in a statement. "
                                      "\u201cThe children deserve nothing less.\u201d\n\n"
                                      "Opposition councillors also criticised the budget for being late.")

# ---------------------------------------------------------------- hosted
HOSTED_ACTIVE = "Turkish President Recep Tayyip Erdogan hosted the peace talks in Istanbul on Tuesday."
HOSTED_PASSIVE_PARTICIPLE = ("During the peace talks, hosted by Turkish President Recep Tayyip Erdogan, "
                             "both delegations discussed security guarantees.")
HOSTED_PASSIVE = "The summit was hosted by France in Paris last June."
HOSTED_WELCOME_GUEST = "Emmanuel Macron welcomed Volodymyr Zelensky to the Elysee Palace on Friday."
HOSTED_EVENT_ELSEWHERE = ("Delegations met for peace talks in Istanbul on Tuesday.\n\n"
                          "The talks, hosted by Recep Tayyip Erdogan, lasted four hours.")
HOSTED_PLACE_IN_EVENT = "China will host the next round of talks in Beijing."
HOSTED_WELCOME_DECISION = "Emmanuel Macron welcomed the decision to reopen the embassy."
HOSTED_RECEIVED_LETTER = "Zelensky received a letter from the Polish government."
HOSTED_NEGATED = "Turkey did not host the talks this time."
HOSTED_HELD_RALLY = "The Green Party held a rally in Bristol on Saturday."
HOSTED_MEMBERS_HELD = "Members of the Green Party held a press conference in Bristol."
HOSTED_HELD_LEAD = "Arsenal held the lead until the final minute."
HOSTED_WILL_HOST = "Japan will host the Winter Olympics in 2030."
HOSTED_WEBSITE = "The charity hosts a website for small shops, and Germany hosts an American air base."
HOSTED_VISITED_PERSON = "Emmanuel Macron visited Angela Merkel at her home in Berlin on Sunday."
HOSTED_VISITED_PLACE = "Emmanuel Macron visited Berlin on Sunday and Siemens on Monday."
HOSTED_VISITED_OFFICE = "Angela Merkel visited the White House on Tuesday."
HOSTED_RECEIVED_AWARD = "Angela Merkel received an award from the university in May."
HOSTED_AGENT_TWO_NOUNS = "They met at a dinner hosted by party chairman Greg Hands in May."
HOSTED_OWN_CONFERENCE = "Angela Merkel told her weekly press conference that the talks would resume."
HOSTED_BROADCASTER_EVENT = "Joe Biden answered questions at a CNN town hall in Ohio."
HOSTED_NOT_OWNED = "Joe Biden spoke at the Paris summit and praised his warm reception in Dublin."
HOSTED_ONLY_OFFERED = ("The Kremlin is ready to hold a meeting between the two presidents. "
                       "Vodafone called for the board to hold an emergency meeting.")
HOSTED_NO_HOST = "The talks were held in Geneva last week."
HOSTED_PRESIDED = "King Charles presided over a ceremony in Cardiff on Friday."
HOSTED_CHOSEN_TO_HOST = "The Labour Party chose Liverpool to host its autumn conference."
HOSTED_STATE_CONVENTION = "Ohio's state convention and Hillary Clinton's convention ended on Sunday."
HOSTED_RECEIVED_PRODUCT = "Angela Merkel received Microsoft Office as a gift."
HOSTED_TOPIC_OF_EVENT = "Angela Merkel spoke at a conference on renewable energy hosted by Siemens."
HOSTED_TOLD_AT_DINNER = "Tony Blair told the chancellor at a lunch hosted by Greg Hands that he would resign."
HOSTED_CHAIRED_PARTY = "David Blunkett chaired the Labour Party in the 1990s."
HOSTED_PARTY_DEBATE = "Marco Rubio shone at the GOP debate, and Hillary Clinton spoke at a CNN debate."
HOSTED_UNABLE_OR_WANTED = ("The union is unable to stage the march. Voters want the Senate to hold hearings. "
                           "Ted Cruz received all the delegates at stake.")
HOSTED_CREDITED_WITH = "Dolores Huerta credited Hillary Clinton with convening a conference on youth in Denver."
HOSTED_PRESENTER = "Graham Norton will host the summit, and Oprah Winfrey will host a new talk show."

# ---------------------------------------------------------------- denies
DENIES_THAT = "Peskov denied that Russia had attacked the city."
DENIES_OBJECT = "Zelensky rejected the Russian proposal for a ceasefire along the current front line."
DENIES_DECLINED_DISCUSS = "Zelensky also declined to discuss several other Russian demands."
DENIES_REBUTTAL = "Kirby said the move was a repositioning, not a real withdrawal."
DENIES_DECLINED_COMMENT = "Kirby declined to comment."
DENIES_NEGATED = "Peskov did not deny the report."
DENIES_CONTRAST = "Blinken said the United States is focused on Russian actions, not its words."

DENIES_REFUSED_TO_RULE_OUT = "Gordon Brown refused to rule out future tax rises."
DENIES_BUT_CLAUSE = "Gordon Brown denied that his forecasts were too optimistic, but refused to say more."
DENIES_NEXT_SENTENCE_BUT = "The plans will be paid for by taxpayers, not employers, Hewitt said. But the firms disagreed."
DENIES_PASSIVE_AGENT = "The allegations were rejected by the Ministry of Defence on Monday."
DENIES_PASSIVE_NO_AGENT = "The journalists were denied visas, and the offer was rejected."
DENIES_RESTATED_CLAIMS = "The advert prompted accusations of racism, claims denied by the Green Party."
DENIES_RELATIVE = "The charges, which Boris Johnson denies, date from 2019."
DENIES_CALLED_FALSE = "Boris Johnson called the report false but called the decision brave."
DENIES_SAID_BASELESS = "Microsoft said the claims were baseless and that the early results were wrong."
DENIES_SAID_NOT_TRUE = "Microsoft said the report was not true."
DENIES_NOT_WHAT_CLAIMED = ("\u201cThe tax is not the disaster that its critics make it out to be,\u201d "
                           "Rishi Sunak said.")
DENIES_DOES_NOT_MEAN = "Angela Merkel said that a slower economy does not mean jobs will be lost."
DENIES_DISMISSED_MANAGER = "Chelsea dismissed their manager on Sunday."
DENIES_DISMISSED_AS = "Boris Johnson dismissed the figures as a fantasy."
DENIES_BLOCKED_PLAYER = "The goalkeeper Jordan Pickford denied Harry Kane twice and denied Chelsea space."
DENIES_DENIED_VISA = "The reporter was denied a visa by China."
DENIES_FOR_REFUSING = "The committee held Peter Navarro in contempt for refusing to appear at a hearing."
DENIES_URGED_TO_REJECT = "Unite urged its members to reject the offer, and Tesco is expected to reject the claim."
DENIES_NOT_ONLY = "\u201cIt was not only the players but the fans who suffered,\u201d Kirby said."
DENIES_UNREAL = ("\u201cIf we reject this treaty, we will be isolated,\u201d Jack Straw said. Boris Johnson said "
                 "China should reject the plan.")
DENIES_NEITHER_NOR = "Tesco has neither admitted nor denied wrongdoing."
DENIES_VOTERS_REJECTED = "In the primary, Texas rejected Donald Trump."
DENIES_SPLIT_CLAUSE = "Philip Pullman has denied his novels are hostile to religion."
DENIES_CONTRAST_OF_NAMES = "\u201cThe one who must answer is Boris Johnson, not Keir Starmer,\u201d Ed Davey said."
DENIES_PROPOSED_DENIAL = ("Mike Huckabee called for denying entry to refugees. Phil Thompson pleaded with Wayne "
                          "Rooney to reject the offer.")
DENIES_SHOULD_THEY = "Should the Republicans continue to rebuff the nominee, Barack Obama might withdraw him."
DENIES_NOT_MEANT = "\u201cThis merger isn\u2019t meant to help patients,\u201d Gustav Ando said."
DENIES_LYING = "\u201cThe answer is lying in plain sight,\u201d Darrell Issa said."
DENIES_IDEA_CLAUSE = "Nigel Farage rejected the idea Robert Kilroy-Silk posed a threat to the party."
DENIES_PARTICIPLE_NO_AGENT = ("Six migrants refused entry to Britain appealed, and Mikhail Khodorkovsky was charged "
                              "with fraud and denied bail.")
DENIES_CONCEDED = "\u201cEarlier statements may have been wrong,\u201d Steven Parrish said."
DENIES_YET_TO = "Chelsea have yet to confirm or deny the meeting."
DENIES_QUESTION = "Did the Red Cross refuse to hand over the documents?"
DENIES_DECLINED_COMMENT_ON = "Barclays declined to comment on the report."
DENIES_HARD_TO_DISPUTE = "\u201cIt is hard to dispute the figures,\u201d Stan Greenberg said."
DENIES_REBUFFED_PERSON = "Angela Merkel rebuffed Boris Johnson."
DENIES_SPECULATION_THAT = ("Downing Street rejected speculation that Gordon Brown was considering a move, saying the "
                           "reports were old.")
DENIES_CLAUSE_WITHOUT_NOUN = "Boris Johnson denied that he lied and that he cheated."
DENIES_CLAUSE_AND_MAIN_VERB = ("Turkey denies that the killings were a genocide and goes to great lengths to hide "
                               "the archives.")
DENIES_GERUNDS = "Michael Jackson denies plying a boy with wine and lying to the police."
DENIES_HAD_HE = "James Ford was jailed for 15 years, and it would have been longer had he denied the charge."

# ---------------------------------------------------------------- proposes
PROPOSES_VERB = "Zelensky proposed a ceasefire along the whole front line."
PROPOSES_READY_DISCUSS = "Zelensky said Ukraine is ready to discuss a neutral status for the country."
PROPOSES_CALL_FOR = "The Kremlin called for new talks in Minsk."
PROPOSES_OFFER = "Turkey offered to host a meeting between the two presidents."
PROPOSES_GROUP = ("Ukrainian officials outlined possible concessions on Tuesday.\n\n"
                  "For the first time, officials proposed to negotiate about the status of Crimea over 15 years.")
PROPOSES_SPEAKER_IT = "NATO said it was ready to send more troops to Poland."
PROPOSES_ADVICE = "\u201cWe should be prepared to watch for a major offensive in the east,\u201d Kirby said."
PROPOSES_NEGATED = "Russia did not propose a ceasefire."
PROPOSES_NO_ENTITY = "Recent polls suggest holding early elections."
PROPOSES_NOTHING = "\u201cWe are ready to go for it,\u201d Zelensky said."

PROPOSES_PROMISED_THAT = "Bob Geldof promised the commission would not be a talking shop."
PROPOSES_PLACEHOLDER = "Gordon Brown proposed the idea last year."
PROPOSES_CALLED_ON = "Angela Merkel called on Greece to cut its spending."
PROPOSES_CALLED_FOR_TO = "Vodafone called for the board to hold an emergency meeting."
PROPOSES_WARNED_TO = "Boris Johnson warned the EU to drop its demands, and warned that talks could fail."
PROPOSES_ASKED_TO = "Apple asked the court to block the sale of the phones."
PROPOSES_ASKED_WHETHER = "Apple asked whether the court would block the sale, and asked for the details."
PROPOSES_DEMANDED = "Unite demanded a pay rise of ten percent."
PROPOSES_DEMANDED_TO_KNOW = "Senator Ted Cruz demanded to know why the report was late."
PROPOSES_SAID_SHOULD = "Keir Starmer said the minister should resign over the affair."
PROPOSES_PREDICTION = "Keir Starmer said prices should fall next year and that he must have misread the letter."
PROPOSES_THERE_MUST_BE = "\u201cThere must be a full public inquiry,\u201d Keir Starmer said."
PROPOSES_TIME_TO = "Angela Merkel said it was time to end the sanctions."
PROPOSES_FIRST_TIME = "\u201cIt is the first time we have won here,\u201d Angela Merkel said."
PROPOSES_OWN_PLAN = "Critics attacked Boris Johnson\u2019s plan to build a bridge to Ireland."
PROPOSES_NO_PROPOSER = "The plan to build a bridge was dropped, and the council praised its plan to build a road."
PROPOSES_ANNOUNCED_PLANS = "Rishi Sunak announced plans to cut fuel duty."
PROPOSES_INTRODUCED_BILL = "Senator Elizabeth Warren introduced a bill that would cap card fees."
PROPOSES_OFFERED_PASSIVE = "The striker was offered a new contract."
PROPOSES_OFFERED_BY = "A new contract was offered to him by Chelsea."
PROPOSES_OFFER_TRADE = ("Vodafone offers a cheaper broadband service, and Vodafone offered a compromise to the "
                        "regulator.")
PROPOSES_CONDOLENCES = "Angela Merkel offered her condolences to the families."
PROPOSES_DECIDED_AGAINST = "The FBI decided against recommending charges."
PROPOSES_WANTED_DONE = "The Conservatives wanted a sunset clause added to the bill, and Labour wants to win."
PROPOSES_LETTER = "Senator Maria Cantwell\u2019s letter suggested the agency should publish its data."
PROPOSES_RELATIVE_APPOSITION = ("The deal was driven by France and Germany, the two largest members, which together "
                                "pledged to cut emissions by half.")
PROPOSES_QUESTION = "Will Rishi Sunak propose a new tax?"
PROPOSES_READY_TO_BE = "Bernie Sanders has to show that he is ready to be president."
PROPOSES_TOLD_NO_TO = ("\u201cThis is politics,\u201d Donald Trump told Reuters, "
                       "\u201ckeeping rates at this level.\u201d")
PROPOSES_THERE_SHOULD_BE = ("\u201cThere should be new phones in the shops by May,\u201d Tim Cook said. "
                            "\u201cThere should be an inquiry,\u201d Keir Starmer said.")
PROPOSES_COULD_ASK = "Marco Rubio could ask his delegates to back another candidate."
PROPOSES_REGRET = "John Cryer said it would have been better to have rejected the treaty."
PROPOSES_MUST_NOT_FORGET = "\u201cWe must not forget the great moments of the games,\u201d Sebastian Coe said."
PROPOSES_REQUEST_TO_COMMENT = "Paul Manafort did not answer Reuters\u2019 requests to comment on the work."
PROPOSES_OTHERS_THINK = ("\u201cSome people think the women should stay at home, and that is wrong,\u201d Pervez "
                         "Musharraf said.")
PROPOSES_CAN_CLAIM = "Critics attacked Donald Trump\u2019s suggestion that a judge can\u2019t be impartial."
PROPOSES_OBJECT_AND_PURPOSE = "Ben Carson proposed the creation of a federal agency to coordinate cyber security."
PROPOSES_WHETHER_EVER = "It is unclear whether Bernie Sanders will ever tell his voters to support Hillary Clinton."
PROPOSES_PROMISED_SOMEONE_TO = "Lord Falconer promised the bishops to strengthen the safeguards."
PROPOSES_NOUN_FOR_TO = "The talks went ahead despite an EU demand for Turkey to recognise Cyprus."
PROPOSES_NOT_PROPOSALS = ("The rules were called into question by the Law Society. Chelsea push for the title. "
                          "Ryan Giggs is committing his career to Manchester United.")

# ---------------------------------------------------------------- roles
ROLES_PREMODIFIER = "Pentagon spokesperson John Kirby spoke to reporters."
ROLES_OF = "U.S. Secretary of State Antony Blinken arrived in Morocco."
ROLES_APPOSITION_BEFORE = "Russia\u2019s chief negotiator, Vladimir Medinsky, arrived in Istanbul."
ROLES_APPOSITION_AFTER = "John Kirby, a Pentagon spokesman, spoke to reporters on Monday."
ROLES_ABBREVIATION = "Sen. Elizabeth Warren spoke at the hearing."
ROLES_HYPHENATED = "UN Secretary-General Antonio Guterres arrived in Kyiv."
ROLES_CAMPAIGN = "Trump campaign manager Kellyanne Conway spoke to reporters."
ROLES_NOT_APPOSITION = ("Talks could happen between Putin and Zelensky, an aide to the Ukrainian president said.")
ROLES_QUALIFIED_TITLE = "Former welfare minister Anne Porter criticised the plan."
ROLES_OF_PHRASE_AT = "Tom Reyes, head of consumer services at Vodafone, said the prices would fall."
ROLES_SPOKESMAN_FOR_NAME = "A spokesman for Acme Builders, Dr Ravindran, said the houses would be ready in May."
ROLES_WHO_SERVED = "Derek Lowe, who served as U.S. ambassador to Chile until 2019, said the talks had stalled."
ROLES_PARTY_TAG = "Rep. Ann Kuster (D-N.H.) voted against the bill."
ROLES_TITLE_NAMED_AFTER_ORG = "State Department Spokesperson Ned Price said the embassy would stay open."
ROLES_NO_NAMED_PERSON = "The minister and I agreed on the plan, the ambassador said."
ROLES_TWO_TITLES = "Veteran actor and director Paul Newland has died aged 88."
ROLES_HEAD_OF_STATE_COUNTRY = "President Barack Obama spoke about the economy of the United States."
ROLES_HEAD_OF_STATE_NO_COUNTRY = "President Barack Obama spoke about the economy."
ROLES_AFTER_NAME = "Frank Dobson MP said the hospital would close."
ROLES_PERSONAL_STAFF = "Boris Johnson's former adviser, Dominic Cummings, said the plan had failed."
ROLES_FORMER = "Former Prime Minister Tony Blair visited Belfast on Monday."

# ---------------------------------------------------------------- entities
ENTITIES_SURNAME = "Volodymyr Zelensky spoke on Monday. Later, Zelensky met the troops."
ENTITIES_VARIANTS = "Troops left Kiev on Monday. By Friday, Kyiv was calm again."
ENTITIES_PRONOUN = ("John Kirby said the convoy had stopped.\n\n"
                    "\u201cIt is not moving any more,\u201d he said.")
ENTITIES_PRONOUN_GENDER = ("Hillary Clinton said the debate had gone well, and Donald Trump attacked the moderator.\n\n"
                           "\u201cI was ready for it,\u201d she said.")
ENTITIES_SURNAME_ELSEWHERE = "Scotland has the worst health record in Europe, Mr McConnell said on Monday."
ENTITIES_SURNAME_IN_CONTEXT = "The U.S. Senate will vote on Monday, McConnell said."
ENTITIES_NATIONALITY = "Russian and Ukrainian diplomats met in Istanbul."
ENTITIES_SURNAME_NOT_PLACE = ("Rep. Jim Jordan questioned the director on Tuesday. Jordan said the agency had "
                             "misled Congress.")
ENTITIES_PLACE_AFTER_IN = "Jim Jordan flew to Amman on Monday to visit refugees in Jordan."
ENTITIES_HONORIFIC_NOT_PLACE = "Ms Lyon said the firm had asked her to work without pay."
ENTITIES_CITY = "The film festival opened in Lyon on Friday."
ENTITIES_HONORIFIC_SURNAME = ("Graham Porter joined the board in March. Mr Porter said the bank would cut costs, and "
                              "Porter later met the unions.")
ENTITIES_ACRONYM = ("The New Example Party (NEP) won the vote in the north. The NEP said it would form a "
                    "government.")
ENTITIES_ACRONYM_SPLIT_NAME = "The World Sailing and Rowing Council (WSRC) said the race would go ahead."
ENTITIES_SHORT_FORM = ("The Washington Post published the letter on Sunday. The Post said the mayor had not "
                       "replied.")
ENTITIES_LAW_AND_EVENT = ("The Prevention of Fraud Bill passed its second reading. Delegates gathered for the "
                          "Liberal National Convention in Ottawa.")
ENTITIES_WORKS = "He became famous on the radio show The Morning Club, and later toured a revue, Castle-Ho."
ENTITIES_HEADING = "Veto Power Impedes Reform: The council has rarely agreed on anything."
ENTITIES_MODIFIERS = "Shares in Hong Kong fell, and the Hang Seng index lost two percent. Pop Idol fans queued."
ENTITIES_LOWER_CASE_ACRONYM = "The rules on foreign direct investment were eased last year, and FDI rose sharply."
ENTITIES_ORGANISATION_NOUN = ("Dana Ortiz, an analyst, said low-cost carrier Skyjet had cut fares, and mobile firm "
                              "Zentel agreed.")
ENTITIES_APPOSITION_PERSON = "Boris Johnson's former adviser, Dominic Cummings, said the plan had failed."
ENTITIES_SPACED_APOSTROPHE = "The People 's Party won the election. The People's Party then named a cabinet."
ENTITIES_POSSESSIVE_BETWEEN = "Alphabet Inc's Google said it would appeal the ruling."
ENTITIES_SPACED_DASH = "Maria Keller - daughter of the founder - took over the company in 2010."
ENTITIES_CREDIT_LINE = "The council approved the budget on Monday.\n\nAnn Lee and Bo Park contributed reporting."
ENTITIES_SHOW_TAGGED_AS_VERB = "He was a regular on the radio information show The Thinking Hour for a decade."
ENTITIES_PHOTO_CREDIT_WORD = "Carla Diaz Image caption The minister opened the bridge on Monday."
ENTITIES_NEWSPAPER_APPOSITION = ("According to Il Nuovo Corriere, the city's oldest newspaper, the mayor will "
                                 "resign.")
ENTITIES_TITLE_DESCRIPTION = ("Ukrainian President Volodymyr Zelensky met the troops.\n\n"
                              "The Ukrainian president later said the front was stable.")
ENTITIES_FULL_NAME_NER_MISSED = ("Tomasz Wielgoszewski, who runs the ferry company, also spoke at the meeting, along "
                                 "with several residents. \"We cannot keep the prices where they are,\" said "
                                 "Wielgoszewski.")
ENTITIES_LAW_AS_SUBJECT = ("The Prevention of Water Theft Bill was published on Tuesday. The Bill proposes new "
                           "curfews on suspects.")
ENTITIES_ORG_SHORT_FORM_AS_PERSON = ("The council rejected a proposal by Bayline Ferries to raise fares by 12% on "
                                     "Tuesday.\n\nBayline said the increase was needed to cover fuel costs.")
ENTITIES_NAME_APPOSED_TO_TITLE = ("Councillor Maria Okafor called the plan a tax on commuters.\n\nThe mayor, Ana "
                                  "Ruiz, hosted a meeting with residents at the town hall on Wednesday. She "
                                  "proposed a fare freeze until the end of the year.")
ENTITIES_ONE_WORD_APPOSED_TO_TITLE = "According to technology analysts IDC, tablet sales will double by 2027."
ENTITIES_ACRONYM_APPOSED_TO_UNION = ("Northwind Air will suspend six routes this winter. The pilots' union, BALPA, "
                                     "condemned the decision and called for talks.")
ENTITIES_COMPANY_AFTER_A_COURT = ("A water company fined for polluting the River Wend has asked the Court of Appeal to "
                                  "cut the penalty. The company has denied that it ignored warnings from the "
                                  "Environment Agency.")
ROLE_EMPLOYER_BEFORE_TITLE = "Shares fell on Tuesday after LSE boss Clara Furse spoke to investors."
ROLE_PARTY_OFFICE_OF_A_STATE = ("Maria Lopez, the Democratic attorney general of Nevada, called the rule unlawful. "
                                "Ian Hope, the Conservative spokesman for the Home Office, agreed.")
ROLE_ARMED_SERVICE_BEFORE_TITLE = ("The plan was backed by retired Air Force general Carl Ruiz, and Army spokesman Tim Shaw "
                                   "agreed.")
ROLE_WORK_BEFORE_TITLE = ("Critics praised Silent Harbour actress Jane Doyle on Monday. Fans cheered as Blue Lagoon "
                          "producer Sarah Kent arrived.\n\nRock singer Ann Bell was at the party too.")
SAID_THE_FUND_AND_THE_AIRLINE = ("The International Monetary Fund cut its growth forecast on Tuesday. The fund warned "
                                 "that trade would slow next year.\n\nShares in Ryanair rose on Monday. The airline "
                                 "said it would order 70 new planes.")
SAID_DESCRIPTION_CHAIN_MUST_FIT = ("Chancellor Gordon Ash outlined his plans for the economy on Monday.\n\nThe chancellor "
                                   "has planned the party's campaigns before, but this time the job will go to Alan "
                                   "Mills, an ally of Tom Blake. The premier insisted Mr Ash will have a key role in "
                                   "the campaign.")
SAID_QUOTE_AFTER_ANOTHER_PERSON_ACTS = ("\u201cThe new payment is fair,\u201d Maria Lopez said on Monday.\n\nUnion leader "
                                        "Tom Reyes criticised the plan. \u201cThere is no logic to a system like "
                                        "this.\u201d")
SAID_QUOTE_AFTER_THE_SPEAKER_ACTS_AGAIN = ("\u201cWe have received the referee\u2019s report,\u201d the Football Association "
                                           "said on Monday.\n\nMidfielder Tom Reyes was spoken to by police after the "
                                           "game. But the Football Association would not say what punishment Reyes "
                                           "would get. \u201cWe will write to the club this week.\u201d")
SAID_QUOTE_THEN_RELATIVE_CLAUSE = (
    "Ann Cole kept the radio on. \u201cIt\u2019s over,\u201d she said of the race, in which she was sure Jones would "
    "triumph and more and more people across the state would at last see the light.")
SAID_QUOTE_THEN_CLAUSE_AFTER_RELATIVE = (
    "Tom Ward watched at home. \u201cIt\u2019s done,\u201d he said of the 2015 election, in which he was sure Cameron "
    "would triumph and more and more voters across the country would at last see the truth.")
SAID_WHICH_HE_SAID = "Tim Barr attacked his rivals for taking loans from banks, which he said were a trap for small firms."
SAID_NAME_WITH_PARTICLE = "Governor Bill de Souza said the port would reopen in May."
SAID_AFTER_A_DATELINE = "WASHINGTON -- Senator Ann Cole, opening the debate on Monday, said the tax would go."
SAID_SUBJECT_HUNG_BEFORE = ("Coach Ruth Okafor said Hale has \u201ctotal respect\u201d for the players and his rough remark "
                            "was instead a sign of frustration with the schedule the league has set for the season.")
SAID_QUOTE_RUNS_ON = ("Governor Alan Price called the port a \"bright spot at a moment when most harbours along the "
                      "coast are losing trade.\"")
SAID_RESUMED_AFTER_ATTRIBUTION = ("Rents in the north rose 4 percent, the Housing Office said in its spring survey, "
                                  "and those in the south fell by 2 percent.")
SAID_COLON_ELABORATION = ("Then, the harvest. Ms. Quist notes that farmers face a strange season in which two problems "
                          "arrive together: Rain came late across much of the valley, seed prices doubled and buyers "
                          "are paying less than they did a year ago.")
SAID_QUOTED_PART_OF_OBJECT = ("The Tribune claimed \u201cSmith inflates\u201d the rate of road deaths through a "
                              "\u201ccareless use of data,\u201d and concluded his claims were \u201cplainly wrong.\u201d")
SAID_COORDINATED_PHRASE_AFTER = ("Helen Park, 70, of Dover, Del., said the event brought back memories of her mother, and "
                                 "of ''all those who could not be here who fought for this day.''")
SAID_SPEECH_VERB_COORDINATED_IN_CLAUSE = ("Even Chile, its main partner in the region, said it was \"firmly opposed\" to "
                                          "the plan and warned Peru to avoid any step that would worsen the dispute.")
SAID_POLICE_SPEAK_FOR_THE_FORCE = ("The Harbour City Police Department opened an inquiry into the crash on Monday. "
                                   "Police said the driver had been speeding. Two lanes stayed closed until noon, "
                                   "according to police. A police spokeswoman said the road would reopen on Tuesday.")
SAID_POLICE_WITHOUT_A_FORCE = ("Residents of Harbour City gathered outside Harbour Road Police Station on Monday. "
                               "Police said the driver had been speeding. Two lanes stayed closed until noon, "
                               "according to police.")
SAID_MINISTRY_IS_NO_CAMPAIGN_GROUP = ("According to the organisers, the campaign group Save Our Coast, 3,000 people "
                                      "joined the march on Saturday. The ministry said the turnout figures were "
                                      "exaggerated. The court said the march was lawful.")
SAID_MINISTRY_NAMED_AS_ONE = ("The Ministry of Water met the Clean Rivers Alliance on Friday. Clean Rivers Alliance "
                              "said 3,000 people would march. The ministry said the turnout figures were "
                              "exaggerated.")
SAID_COMMISSION_NAMED_LONG_BEFORE = ("The Harbour Water Commission set new limits on river pollution on Monday. Farmers "
                                     "had asked for more time. Fishermen welcomed the news. The river has been "
                                     "polluted for years. Fish stocks fell by half last year. Two beaches were closed "
                                     "in August. Tourism fell too. Blue Bay Ferries cut its summer timetable. The "
                                     "commission said the limits would hold until 2030.")
SAID_INSERTED_AFTER_A_NAME = ("Chief Justice Ann Hale spoke at the bridge where the march began. To see the real Martin "
                              "Luther King, Chief Justice Hale said, one should walk this bridge.")
SAID_NESTED_SPEAKER_AFTER_COLON = ("Mrs Lane wants to counter claims that she travels too much. Mrs Lane recalls how Jim "
                                   "Pike once advised her: \"Always remember that people judge you by the evening news.\"")
SAID_QUOTE_MARK_ACROSS_NARRATION = ("Ms Hill said waiting lists were \"only a small part of the problem. Dr Gibbs, who ran "
                                    "a surgery in Leeds, said staff wanted time to rest,\" adding that more nurses were "
                                    "needed.")
SAID_THE_SPOKESWOMAN_AGAIN = ("Ofwat has passed the case to prosecutors. \"It is now a criminal inquiry,\" an Ofwat "
                              "spokeswoman said. \"We found signs of price fixing,\" the spokeswoman said, which covered "
                              "deals made before the May results.")
PROPOSES_PRONOUN_BOUND_BY_MAIN_SUBJECT = (
    "Mark Kemp asked the panel a question. \"Not today,\" said Kemp. Mr Lee later made the audience laugh as he "
    "described his plan to make drivers plant trees instead of paying fines.")
SAID_PASSIVE_LABELS = ("The singer was described as a \"true gentleman\" by his friend and fellow performer Tom Hale. The "
                      "mayor was called \"a disgrace\" by council leader Ann Webb. The plan was called \"reckless\". "
                      "Raj Patel was jailed on Tuesday. Patel was called \"a menace to honest traders\" by the "
                      "sentencing judge.")
PROPOSES_PASSIVE_CALL_NAMES = "Raj Patel was jailed on Tuesday. Patel was called a menace to honest traders by the judge."
