from odoo import api, fields, models
from odoo.exceptions import ValidationError

STANDARD_TYPES = [
    ("ssh", "SSH (Standar Satuan Harga)"),
    ("sbu", "SBU (Standar Biaya Umum)"),
    ("hspk", "HSPK (Harga Satuan Pokok Kegiatan)"),
    ("asb", "ASB (Analisis Standar Belanja)"),
]


class EofficeBudgetPriceItem(models.Model):
    """An item of the price standard. Its price is the highest unit price a budget line may use,
    and only on the accounts it is mapped to."""

    _name = "eoffice.budget.price.item"
    _description = "Price Standard Item"
    _order = "fiscal_year_id desc, standard_type, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(string="Code", required=True, index="trigram")
    name = fields.Char(string="Name", required=True, index="trigram")
    specification = fields.Char(string="Specification")
    uom = fields.Char(string="Unit", required=True, help="E.g. rim, buah, OH (orang hari), OK (orang kegiatan).")
    price = fields.Monetary(string="Price", compute="_compute_price", store=True, readonly=False,
                            help="Highest unit price allowed; an HSPK item's price is the sum of its components.")
    # Rupiah; computed rather than a stored default, which would cost a query per imported item
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    standard_type = fields.Selection(STANDARD_TYPES, string="Standard", required=True, default="ssh", index=True)
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True,
                                     ondelete="restrict", index=True)
    region = fields.Char(string="Region", help="Where the price applies, e.g. the whole kabupaten or a kecamatan.")
    account_ids = fields.Many2many(
        "eoffice.budget.code", "eoffice_budget_price_item_account_rel", "item_id", "account_id",
        string="Accounts", domain="[('kind', '=', 'account'), ('level', '=', 'sub_rincian_objek')]",
        help="The accounts (sub rincian objek) this item may be budgeted on.")
    component_ids = fields.One2many("eoffice.budget.price.component", "item_id", string="Components",
                                    help="HSPK: the SSH items one unit of this item is made of.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(fiscal_year_id, code)", "This item code already exists in this fiscal year."),
        ("price_positive", "CHECK(price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("code", "name", "uom")
    def _compute_display_name(self):
        for item in self:
            item.display_name = f"[{item.code}] {item.name} / {item.uom}" if item.code else item.name

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.IDR")

    @api.depends("component_ids.subtotal", "standard_type")
    def _compute_price(self):
        for item in self:
            if item.standard_type == "hspk" and item.component_ids:
                item.price = sum(item.component_ids.mapped("subtotal"))
            elif not item.price:
                item.price = 0.0

    @api.constrains("component_ids", "standard_type")
    def _check_components(self):
        for item in self:
            if item.component_ids and item.standard_type != "hspk":
                raise ValidationError(self.env._("Only an HSPK item is composed of other items (%(item)s).",
                                                 item=item.display_name))
