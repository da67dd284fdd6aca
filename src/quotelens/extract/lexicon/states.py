"""Names of states as English-language news writes them when a state speaks ("Russia said",
"Britain warned"), lower case: the member states of the United Nations by their common short
names, the observer states, and the short forms news uses for some of them.

Source: written for this project for `quotelens registry-draft` (guessing an actor's kind), from
the list of United Nations member states (a public fact) in common English short forms.
"""

STATES = frozenset(name.strip() for name in """
afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia,
austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia and herzegovina, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cabo verde,
cape verde, cambodia, cameroon, canada, central african republic, chad, chile, china, colombia,
comoros, congo, costa rica, ivory coast, côte d'ivoire, croatia, cuba, cyprus, czech republic,
czechia, north korea, democratic republic of the congo, denmark, djibouti, dominica,
dominican republic, ecuador, egypt, el salvador, equatorial guinea, eritrea, estonia, eswatini,
swaziland, ethiopia, fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece, grenada,
guatemala, guinea, guinea-bissau, guyana, haiti, honduras, hungary, iceland, india, indonesia, iran,
iraq, ireland, israel, italy, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kuwait, kyrgyzstan,
laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar,
malawi, malaysia, maldives, mali, malta, marshall islands, mauritania, mauritius, mexico, micronesia,
monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia, nauru, nepal, netherlands,
new zealand, nicaragua, niger, nigeria, north macedonia, macedonia, norway, oman, pakistan, palau,
panama, papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, south korea, korea,
moldova, romania, russia, russian federation, rwanda, saint kitts and nevis, saint lucia,
saint vincent and the grenadines, samoa, san marino, sao tome and principe, saudi arabia, senegal,
serbia, seychelles, sierra leone, singapore, slovakia, slovenia, solomon islands, somalia,
south africa, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, tajikistan,
thailand, timor-leste, east timor, togo, tonga, trinidad and tobago, tunisia, turkey, türkiye,
turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae, united kingdom, uk, britain,
great britain, tanzania, united states, united states of america, us, u.s., usa, america, uruguay,
uzbekistan, vanuatu, venezuela, vietnam, viet nam, yemen, zambia, zimbabwe, holy see, vatican,
palestine, taiwan, kosovo
""".replace("\n", " ").split(",") if name.strip())
