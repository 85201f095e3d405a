{
    "name": "e-Office: Pertukaran Naskah Antarinstansi",
    "summary": "Letters between organisations as signed envelopes delivered peer-to-peer, registered and "
               "acknowledged automatically with signed receipts, retried while the other side is down",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["eoffice_letters"],
    "data": [
        "security/ir.model.access.csv",
        "security/eoffice_exchange_security.xml",
        "data/eoffice_exchange_data.xml",
        "views/eoffice_exchange_peer_views.xml",
        "views/eoffice_exchange_message_views.xml",
    ],
    "demo": [
        "demo/eoffice_exchange_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "eoffice_exchange/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
