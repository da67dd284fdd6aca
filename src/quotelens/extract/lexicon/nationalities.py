"""Adjectives of nationality and the state each names ("the French government" is France,
"the Syrian government" Syria), lower case, so that a government described by nationality is
typed and named as its state without an actor registry.

Source: English adjectives of nationality of the UN member states most often in English news,
with the short state names of quotelens.extract.lexicon.countries; listed for this project.
"""

NATIONALITY_STATE = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria", "american": "United States",
    "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia", "australian": "Australia",
    "austrian": "Austria", "azerbaijani": "Azerbaijan", "bahraini": "Bahrain", "bangladeshi": "Bangladesh",
    "belarusian": "Belarus", "belgian": "Belgium", "bolivian": "Bolivia", "bosnian": "Bosnia", "brazilian": "Brazil",
    "british": "Britain", "bulgarian": "Bulgaria", "burmese": "Myanmar", "cambodian": "Cambodia",
    "cameroonian": "Cameroon", "canadian": "Canada", "chilean": "Chile", "chinese": "China",
    "colombian": "Colombia", "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus",
    "czech": "Czech Republic", "danish": "Denmark", "dutch": "Netherlands", "ecuadorian": "Ecuador",
    "egyptian": "Egypt", "emirati": "United Arab Emirates", "eritrean": "Eritrea", "estonian": "Estonia",
    "ethiopian": "Ethiopia", "filipino": "Philippines", "finnish": "Finland", "french": "France",
    "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana", "greek": "Greece", "haitian": "Haiti",
    "hungarian": "Hungary", "icelandic": "Iceland", "indian": "India", "indonesian": "Indonesia",
    "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
    "jamaican": "Jamaica", "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya",
    "kuwaiti": "Kuwait", "latvian": "Latvia", "lebanese": "Lebanon", "libyan": "Libya", "lithuanian": "Lithuania",
    "malaysian": "Malaysia", "maltese": "Malta", "mexican": "Mexico", "moroccan": "Morocco",
    "nepalese": "Nepal", "nigerian": "Nigeria", "north korean": "North Korea", "norwegian": "Norway",
    "omani": "Oman", "pakistani": "Pakistan", "palestinian": "Palestine", "peruvian": "Peru", "polish": "Poland",
    "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "rwandan": "Rwanda", "saudi": "Saudi Arabia", "senegalese": "Senegal", "serbian": "Serbia",
    "singaporean": "Singapore", "slovak": "Slovakia", "slovenian": "Slovenia", "somali": "Somalia",
    "south african": "South Africa", "south korean": "South Korea", "spanish": "Spain", "sri lankan": "Sri Lanka",
    "sudanese": "Sudan", "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan",
    "thai": "Thailand", "tunisian": "Tunisia", "turkish": "Turkey", "ugandan": "Uganda", "ukrainian": "Ukraine",
    "uruguayan": "Uruguay", "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
    "yemeni": "Yemen", "zambian": "Zambia", "zimbabwean": "Zimbabwe", "u.s.": "United States",
    "us": "United States", "u.k.": "United Kingdom", "uk": "United Kingdom", "new zealand": "New Zealand",
}
