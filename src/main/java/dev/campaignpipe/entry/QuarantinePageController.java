package dev.campaignpipe.entry;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.csv.PipelineUnavailableException;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.status.ShowsBanners;
import dev.campaignpipe.sync.QuarantineTable;
import dev.campaignpipe.sync.QuarantineTable.Entry;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The quarantine in the browser (SPEC §13): the lines the sync set aside, newest first,
 * filtered by status and reason; "Fix" opens the entry form with what could be read from
 * the line and the reason beside it, "Dismiss" resolves it without a record. Works
 * without JavaScript, like the entry form.
 */
@Controller
@ShowsBanners
class QuarantinePageController {

	private static final int PAGE_SIZE = 50;

	private final QuarantineTable quarantine;

	private final Repairs repairs;

	private final EntryForm form;

	QuarantinePageController(QuarantineTable quarantine, Repairs repairs, EntryForm form) {
		this.quarantine = quarantine;
		this.repairs = repairs;
		this.form = form;
	}

	@GetMapping("/quarantine")
	String list(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		QuarantineQuery query = QuarantineQuery.parse(params, PAGE_SIZE, errors);
		if (!errors.isEmpty()) {
			return ErrorPages.show(HttpServletResponse.SC_BAD_REQUEST, String.join("; ", errors.values()), model,
					response);
		}
		long total = quarantine.count(query.status(), query.reason());
		// plain values: the template reads no method of this package's types
		model.addAttribute("statuses", QuarantineQuery.statuses());
		model.addAttribute("statusKey", query.statusKey());
		model.addAttribute("reason", query.reason());
		model.addAttribute("page", query.page());
		model.addAttribute("total", total);
		model.addAttribute("open", quarantine.count(QuarantineTable.Status.OPEN, null));
		model.addAttribute("entries", quarantine.list(query.status(), query.reason(), query.offset(), query.size()));
		model.addAttribute("hasNext", query.offset() + query.size() < total);
		return "quarantine";
	}

	@GetMapping("/quarantine/{id}/fix")
	String fixForm(@PathVariable long id, Model model, HttpServletResponse response) {
		Entry entry = quarantine.find(id).orElse(null);
		if (entry == null) {
			return notFound(id, model, response);
		}
		if (entry.status() == QuarantineTable.Status.RESOLVED) {
			return resolved(QuarantineViews.alreadyResolved(entry), model, response);
		}
		CampaignInput read = repairs.readLine(entry);
		return showFix(entry, Repairs.formValues(read), repairs.problems(read), null, model);
	}

	@PostMapping("/quarantine/{id}/fix")
	String fix(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		FormInput posted = FormInput.of(params);
		Map<String, String> values = posted.values();
		Repairs.Outcome outcome;
		try {
			outcome = repairs.fix(id, posted.input(), Source.FORM);
		}
		catch (PipelineUnavailableException ex) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return showFix(quarantine.find(id).orElseThrow(), values, Map.of(),
					"Not saved: " + ex.getMessage() + ". The line stays open; submit again.", model);
		}
		if (outcome instanceof Repairs.Outcome.Saved saved) {
			redirect.addFlashAttribute("receipt", saved.receipt());
			return "redirect:/campaigns/" + saved.receipt().stored().id();
		}
		if (outcome instanceof Repairs.Outcome.Invalid invalid) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showFix(quarantine.find(id).orElseThrow(), values, invalid.errors(),
					"Please correct the highlighted fields. The line stays open until the fix is saved.", model);
		}
		if (outcome instanceof Repairs.Outcome.AlreadyResolved done) {
			return resolved(done.message(), model, response);
		}
		return notFound(id, model, response);
	}

	@PostMapping("/quarantine/{id}/dismiss")
	String dismiss(@PathVariable long id, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Repairs.Outcome outcome = repairs.dismiss(id);
		if (outcome instanceof Repairs.Outcome.Dismissed dismissed) {
			redirect.addFlashAttribute("done", "Line " + dismissed.entry().lineNumber()
					+ " dismissed: it stays in the list as resolved, without a record.");
			return "redirect:/quarantine";
		}
		if (outcome instanceof Repairs.Outcome.AlreadyResolved done) {
			return resolved(done.message(), model, response);
		}
		return notFound(id, model, response);
	}

	private String showFix(Entry entry, Map<String, String> values, Map<String, String> errors, String notice,
			Model model) {
		model.addAttribute("fixing", new Fixing("Fix quarantined line " + entry.lineNumber(), entry.reason(),
				entry.raw(), "/quarantine/" + entry.id() + "/fix"));
		return form.show(model, values, errors, notice);
	}

	private static String resolved(String message, Model model, HttpServletResponse response) {
		return ErrorPages.show(HttpServletResponse.SC_CONFLICT, message, model, response);
	}

	private static String notFound(long id, Model model, HttpServletResponse response) {
		return ErrorPages.show(HttpServletResponse.SC_NOT_FOUND, "No quarantined line with id " + id + ".", model,
				response);
	}

}
