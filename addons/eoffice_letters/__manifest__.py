{
    "name": "e-Office: Naskah Dinas",
    "summary": "Official letters (naskah dinas) of the Pemda: types, numbering, signing, verification",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["eoffice_skpd"],
    "data": [
        "security/eoffice_letters_groups.xml",
        "security/ir.model.access.csv",
        "data/eoffice_letter_type_data.xml",
        "views/eoffice_letter_type_views.xml",
        "views/eoffice_letters_menus.xml",
    ],
    "application": True,
    "installable": True,
}
