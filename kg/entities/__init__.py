"""Entities of one article: which mentions name one entity, and what a noun phrase the relation rules meet denotes.

The modules, in the order the data goes through them:

    names          words of names and titles in one spelling
    sentences      per-sentence indexes: bounds, main subjects, the mentions a pronoun may point back to
    table          [Mention] -> EntityTable: clustering into entities, made once and never changed
    memory         what rules propose (new entities, aliases, speakers, statements) and the Memory of those applied
    view           Entities: the table and the memory read together; every method a query
    coref          pronouns and definite descriptions of one person -> the entity they point back to
    organisations  "the bank", "the Clinton campaign", the author of a written work
    descriptions   titles, delegates and groups: "the Ukrainian president", "an aide to X", "Russian officials"
    resolve        a noun phrase's head -> Resolved(key, how, proposals): what the rules call

Nothing here changes an entity: a resolution returns what it would add, and kg.relations.extract applies it.
"""
