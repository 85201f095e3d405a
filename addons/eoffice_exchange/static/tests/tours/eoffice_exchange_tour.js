/** @odoo-module **/
// The Pemda administrator trusts a peer in the web client: opens it under Instansi Mitra, reads the
// fingerprint the peer's administrator also reads out on the telephone, types it in the dialog and
// trusts. The Python runner (tests/test_exchange_tour.py) checks the database afterwards.
import { registry } from "@web/core/registry";

let fingerprint = "";

registry.category("web_tour.tours").add("eoffice_exchange_tour_trust_peer", {
    steps: () => [
        {
            content: "Open the peer",
            trigger: ".o_list_view .o_data_row td:contains('Provinsi Tur')",
            run: "click",
        },
        {
            content: "Note the certificate's fingerprint",
            trigger: ".o_form_view .o_field_widget[name='fingerprint'] span:contains(':')",
            run() {
                fingerprint = this.anchor.textContent.trim();
            },
        },
        {
            content: "Confirm the fingerprint and trust",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_open_trust']",
            run: "click",
        },
        {
            content: "Type the fingerprint the peer's administrator read out",
            trigger: ".modal .o_field_widget[name='typed_fingerprint'] input",
            async run(helpers) {
                await helpers.edit(fingerprint.toLowerCase());
            },
        },
        {
            content: "Trust",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The peer is trusted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='trusted']",
        },
        {
            content: "Its addresses can now be read",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_fetch_addresses']",
        },
    ],
});
