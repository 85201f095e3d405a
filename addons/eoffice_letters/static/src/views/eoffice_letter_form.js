/** @odoo-module **/
// The letter form saves nothing when a new letter was only opened.
//
// Odoo's form saves a new record whenever the page is hidden or unloaded (browser navigation,
// reload, closing the tab), even if nobody touched it: `beforeVisibilityChange` saves, and
// `beforeUnload` saves again urgently with sendBeacon — on leaving a New incoming letter this made
// two empty drafts (issue #18). An incoming letter is valid with its defaults, so both saves
// succeed. Here a new letter is saved on leaving only if something was changed in it; an
// existing letter keeps Odoo's behaviour.
import { registry } from "@web/core/registry";
import { useBus } from "@web/core/utils/hooks";
import { FormController } from "@web/views/form/form_controller";
import { formView } from "@web/views/form/form_view";

export class EofficeLetterFormController extends FormController {
    setup() {
        super.setup();
        // a field being typed in (the body's editor) says so before it writes to the record
        this.fieldIsDirty = false;
        useBus(this.model.bus, "FIELD_IS_DIRTY", (ev) => (this.fieldIsDirty = ev.detail));
    }

    get untouchedNewLetter() {
        const root = this.model.root;
        return root.isNew && !root.dirty && !this.fieldIsDirty;
    }

    beforeVisibilityChange() {
        if (this.untouchedNewLetter) {
            return;
        }
        return super.beforeVisibilityChange(...arguments);
    }

    async beforeUnload(ev) {
        if (this.untouchedNewLetter) {
            return;
        }
        return super.beforeUnload(ev);
    }
}

registry.category("views").add("eoffice_letter_form", {
    ...formView,
    Controller: EofficeLetterFormController,
});
