"""Word stock for the synthetic corpus: names as the press writes them, labs, roles, publications, prose.

The lists lean on what makes real content hard for a generator: accents and ligatures (Łukasz, Zoë,
Søren, Œuvre), apostrophes and particles (O'Brien, van der Berg, Le Guen), names that share a folded form
with another spelling, and French as well as English articles.
"""

from __future__ import annotations


def words(text: str) -> list[str]:
    """A list written as running text: long lists of names read better that way."""
    return text.split()


GIVEN = words("""Sébastien Łukasz Zoë Chloé Renée José Françoise Jürgen Søren Siobhán Aurélie Hélène Gaëtan Noël Maëva
Mónica Inês João Björn Ásdís Mikołaj Małgorzata Tomáš Jiří Zoltán Ömer Çağrı Ayşegül Anaïs Amélie Loïc Cédric
Benoît Clémence Océane Thérèse Élodie Ève Raphaël Joël Maïté Ngozi Chinonso Oluwaseun Kwabena Akosua Thandiwe
Rahul Priyanka Aishwarya Venkat Lakshmi Divya Arjun Sanjay Wei Jing Xiaoming Yiwen Haoran Mei-Ling Jae-won
Min-seo Ji-hoon Hyejin Takeshi Aiko Ren Yuna Sora Dmitri Anastasia Yevgenia Oleksandr Taras Katarzyna Paweł
Agnieszka Radosław Zuzana Kateřina Petra Réka Ádám Bogdan Ștefan Ioana Irina Nikolai Sven Astrid Maja Freja
Ingrid Håkon Eirik Tuomas Aino Eero Matías Lucía Sofía Íñigo Begoña Nuño Ximena Guadalupe Tiago Gonçalo Beatriz
Giulia Matteo Chiara Lorenzo Francesca Eleni Nikos Dimitra Yusuf Elif Emre Leila Darius Shirin Omid Tariq Noor
Samira Karim Youssef Amira Ilya Mira Noam Barret Luke Sam Andrea Max Tim Mustafa Soumith Alec Dario Jan Ruth
Nathan Olivia Emily Grace Daniel Michael Sarah Hannah Benjamin Laura Eric Jessica Kevin Rachel Andrew Megan
Aoife Caoimhe Seán Niamh Ciarán Eoghan Tāne Aroha Mere Keoni Leilani Dương Thảo Nguyệt Quỳnh""")

FAMILY = words("""Dubois Lefèvre Moreau Girard Fournier Rousseau Mercier Blanchard Guérin Chevalier Lemaître Boulanger
Pélissier Béranger Desrosiers Thériault Gagné Bélanger Côté Lévesque Müller Schäfer Krüger Köhler Hoffmann
Weiß Groß Schröder Böhm Jäger Dvořák Novák Černý Horáček Kovács Szabó Tóth Nagy Wiśniewski Wójcik Kamiński
Łukasiewicz Zieliński Sobczak Kowalczyk Popescu Ionescu Rădulescu Åström Lindqvist Sjöberg Öberg Håkansson
Nørgaard Østergaard Sørensen Virtanen Mäkinen Järvinen Hämäläinen Núñez Ibáñez Muñoz Peña Gutiérrez Álvarez
Jiménez Gonçalves Magalhães Araújo Conceição Rossi Esposito Ricci Colombo Bernardi Papadopoulos Georgiou
Yılmaz Çelik Öztürk Aydın Şahin Nguyễn Trần Phạm Huỳnh Wang Zhang Liu Chen Huang Zhao Zhou Xu Kim Park Choi
Jung Kang Tanaka Suzuki Takahashi Watanabe Itō Yamamoto Nakamura Katō Sharma Patel Gupta Iyer Krishnan
Raghavan Chatterjee Banerjee Okafor Adeyemi Mensah Boateng Nwosu Achebe Haddad Khoury Mansour Farouk Tehrani
Bubeck Schoenholz Zoph Metz Murati Sutskever Shazeer Suleyman Chintala Vallone Stoiber Brooks Amodei Karpathy
Smith Johnson Williams Brown Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Thompson White Harris
Clark Lewis Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts
O'Brien O'Connor O'Sullivan O'Neill D'Amico D'Souza N'Diaye MacDonald McAllister Fitzgerald""")
FAMILY += ["Le Guen", "Le Cun", "van der Berg", "van Dijk", "de la Fuente", "Da Costa", "Dos Santos",
           "Ó Súilleabháin", "Ben Youssef", "Al-Rashid", "Abu-Bakr", "von Stein", "di Lorenzo"]

NICKNAMES = {"Sébastien": "Seb", "Łukasz": "Lukas", "Françoise": "Fanny", "Barret": "Brett", "Mikołaj": "Mikolaj",
             "Małgorzata": "Gosia", "Katarzyna": "Kasia", "Oleksandr": "Sasha", "Dmitri": "Dima", "Michael": "Mike",
             "Benjamin": "Ben", "Daniel": "Dan", "Andrew": "Andy", "Nikolai": "Kolya", "Takeshi": "Take",
             "Jürgen": "Juergen", "Anastasia": "Nastya", "Francesca": "Fran", "Lorenzo": "Enzo", "Samira": "Sam"}

# name, kind, aliases, parent: the labs a reader knows, parents before children.
KNOWN_LABS: list[tuple[str, str, tuple[str, ...], str | None]] = [
    ("OpenAI", "company", ("Open AI",), None),
    ("Google", "company", ("Alphabet",), None),
    ("Google DeepMind", "lab", ("DeepMind", "GDM"), "Google"),
    ("Anthropic", "company", (), None),
    ("Meta", "company", ("Facebook",), None),
    ("Meta Superintelligence Labs", "lab", ("MSL",), "Meta"),
    ("FAIR", "lab", ("Meta FAIR",), "Meta"),
    ("Microsoft", "company", (), None),
    ("Microsoft AI", "lab", (), "Microsoft"),
    ("Microsoft Research", "lab", ("MSR",), "Microsoft"),
    ("Thinking Machines Lab", "startup", ("Thinking Machines",), None),
    ("Safe Superintelligence", "startup", ("SSI", "Superintelligence sûre"), None),
    ("Mistral AI", "startup", ("Mistral",), None),
    ("xAI", "startup", (), None),
    ("Apple", "company", (), None),
    ("Inflection AI", "startup", ("Inflection",), None),
    ("Character.AI", "startup", ("Character AI",), None),
    ("Hugging Face", "startup", (), None),
    ("Kyutai", "nonprofit", (), None),
    ("Inria", "government", ("Institut national de recherche en sciences et technologies du numérique",), None),
    ("École polytechnique fédérale de Lausanne", "university", ("EPFL",), None),
    ("ETH Zürich", "university", ("ETH Zurich",), None),
    ("Université de Montréal", "university", ("UdeM",), None),
    ("Mila", "lab", ("Mila – Institut québécois d'IA",), "Université de Montréal"),
    ("Princeton University", "university", ("Princeton",), None),
    ("Stanford University", "university", ("Stanford",), None),
    ("Cohere", "startup", (), None),
    ("Nvidia", "company", ("NVIDIA",), None),
    ("Amazon", "company", ("AWS",), None),
    ("Aleph Alpha", "startup", (), None),
    ("DeepSeek", "startup", (), None),
    ("Sakana AI", "startup", (), None),
]
LAB_WORDS = words("""Étoile Boréale Lumière Sérac Zénith Océan Aurore Cèdre Hélice Prisme Axiome Ondée Écho Méandre
Quartz Saphir Opale Cobalt Argent Brume Givre Sirius Véga Altaïr Orion Nébuleuse Comète Pulsar Quasar Lagrange
Fermat Pascal Galois Noether Turing Lovelace Hopper Gödel Euler Möbius Cantor Riemann Kőnig Erdős Banach Łoś
Fjord Tundra Sierra Mesa Delta Atoll Lagune Récif Falaise Glacier Vallée Plateau Archipel Estuaire Dune""")
LAB_TAILS = ["AI", "Labs", "Research", "Intelligence", "Systems", "Robotics", "Institute", "Compute", "Dynamics"]
LAB_CITIES = ["Paris", "Zürich", "Montréal", "Kraków", "München", "Genève", "Tōkyō", "São Paulo", "Bogotá",
              "Reykjavík", "Malmö", "Łódź", "Besançon", "Orléans", "Québec", "Córdoba", "İstanbul", "Brno"]

ROLES = ["CTO", "CEO", "Chief Scientist", "Research Scientist", "Member of Technical Staff", "VP of Research",
         "Head of Post-Training", "Head of Safety", "Directeur de la recherche", "Directrice scientifique",
         "Research Engineer", "Head of Alignment", "Responsable produit", "Chief AI Officer", "Principal Scientist"]

PUBLICATIONS = {
    "en": [("The Information", "https://www.theinformation.com/articles/"), ("Wired", "https://www.wired.com/story/"),
           ("Bloomberg", "https://www.bloomberg.com/news/"), ("The Verge", "https://www.theverge.com/"),
           ("Financial Times", "https://www.ft.com/content/"), ("Reuters", "https://www.reuters.com/technology/")],
    "fr": [("Le Monde", "https://www.lemonde.fr/pixels/article/"), ("Les Échos", "https://www.lesechos.fr/tech/"),
           ("L'Usine Nouvelle", "https://www.usinenouvelle.com/article/"),
           ("Le Figaro", "https://www.lefigaro.fr/secteur/high-tech/"), ("Numerama", "https://www.numerama.com/tech/"),
           ("Siècle Digital", "https://siecledigital.fr/")],
}

WORDS = {
    "en": words("""the the the of of and and to to a a in in that is for on with as was by it at from this an be are has
have said which were or its who had been also but not after more than one new they about when would will there
their team model models research lab company people year researchers training compute safety alignment work
joined left former senior group scientists engineers startup funding billion million investors talent hiring
offer leadership role chief head product release reasoning agents data infrastructure according sources
familiar matter spokesperson declined comment statement announced internal memo staff employees colleagues
founded departure return competition compensation packages industry frontier open weights benchmark paper
scaling reinforcement learning language multimodal robotics chips poached recruited quietly weeks months
earlier later deal valuation round board executives rival rivals"""),
    "fr": words("""le le la la les les de de des du un une et et à à en que qui pour dans sur par avec est a été ont son
sa ses leur leurs ce cette il elle ils plus au aux mais pas ne se comme selon chez après depuis entre sans aussi
dont où modèle modèles recherche laboratoire entreprise chercheurs chercheuse ingénieurs équipe équipes année
intelligence artificielle IA entraînement calcul sécurité alignement rejoint quitté ancien ancienne directeur
directrice scientifique startup levée fonds milliards millions investisseurs talents recrutement offre départ
arrivée retour concurrence rémunération débauchage cofondateur annoncé communiqué interne porte-parole
salariés collègues fondé secteur pointe publication apprentissage renforcement langage robotique puces
américain européen français géant très déjà encore toujours ainsi notamment également semaines mois"""),
}
HEADINGS = {"en": ["Why it matters", "How it happened", "What comes next", "The talent war", "Inside the deal",
                   "A string of departures", "What the company says"],
            "fr": ["Pourquoi c'est important", "Comment c'est arrivé", "Et maintenant ?", "La guerre des talents",
                   "Les coulisses de l'accord", "Une série de départs", "Ce que dit l'entreprise"]}
TITLES = {"en": ["{who} leaves {src} for {dst}", "{dst} hires {who}", "Why {who} left {src}",
                 "{who} joins {dst}", "The talent war reaches {dst}", "{dst} lands {who}"],
          "fr": ["{who} quitte {src} pour {dst}", "{dst} recrute {who}", "Pourquoi {who} a quitté {src}",
                 "{who} rejoint {dst}", "La guerre des talents gagne {dst}", "{dst} s'offre {who}"]}
UNNAMED = {"en": ["{n} {lab} researchers", "{n} engineers from {lab}", "{n} members of {lab}'s safety team"],
           "fr": ["{n} chercheurs de {lab}", "{n} ingénieurs de {lab}", "{n} salariés de {lab}"]}
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 12: "twelve"}
