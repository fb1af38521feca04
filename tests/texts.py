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

# ---------------------------------------------------------------- roles
ROLES_PREMODIFIER = "Pentagon spokesperson John Kirby spoke to reporters."
ROLES_OF = "U.S. Secretary of State Antony Blinken arrived in Morocco."
ROLES_APPOSITION_BEFORE = "Russia\u2019s chief negotiator, Vladimir Medinsky, arrived in Istanbul."
ROLES_APPOSITION_AFTER = "John Kirby, a Pentagon spokesman, spoke to reporters on Monday."
ROLES_ABBREVIATION = "Sen. Elizabeth Warren spoke at the hearing."
ROLES_HYPHENATED = "UN Secretary-General Antonio Guterres arrived in Kyiv."
ROLES_CAMPAIGN = "Trump campaign manager Kellyanne Conway spoke to reporters."
ROLES_NOT_APPOSITION = ("Talks could happen between Putin and Zelensky, an aide to the Ukrainian president said.")

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
ENTITIES_TITLE_DESCRIPTION = ("Ukrainian President Volodymyr Zelensky met the troops.\n\n"
                              "The Ukrainian president later said the front was stable.")
