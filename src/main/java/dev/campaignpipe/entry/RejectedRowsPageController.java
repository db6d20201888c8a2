package dev.campaignpipe.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.csv.PipelineUnavailableException;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.importer.RejectedRows;
import dev.campaignpipe.status.ShowsBanners;
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
 * An import's rejected rows fixed in the browser (SPEC §13), from the import's summary
 * page: each row with its reason; "Fix" opens the entry form with the row's values and
 * the reason, and saving stores a new record and marks the row fixed with its id.
 */
@Controller
@ShowsBanners
class RejectedRowsPageController {

	private final RejectedRows rejected;

	private final Repairs repairs;

	private final EntryForm form;

	RejectedRowsPageController(RejectedRows rejected, Repairs repairs, EntryForm form) {
		this.rejected = rejected;
		this.repairs = repairs;
		this.form = form;
	}

	@GetMapping("/import/{id}/rejected")
	String list(@PathVariable long id, Model model, HttpServletResponse response) {
		List<RejectedRows.Row> rows = rejected.list(id).orElse(null);
		if (rows == null) {
			return notFound("No import with id " + id + " since the product started, or its rejects file is gone.",
					model, response);
		}
		model.addAttribute("importId", id);
		model.addAttribute("rows", rows);
		model.addAttribute("open", rows.stream().filter(r -> r.campaignId() == null).count());
		return "rejected";
	}

	@GetMapping("/import/{id}/rejected/{number}/fix")
	String fixForm(@PathVariable long id, @PathVariable int number, Model model, HttpServletResponse response) {
		RejectedRows.Row row = rejected.find(id, number).orElse(null);
		if (row == null) {
			return notFound("No rejected row " + number + " in import " + id + ".", model, response);
		}
		if (row.campaignId() != null) {
			return conflict(Repairs.alreadyFixed(row), model, response);
		}
		CampaignInput read = repairs.readRow(row);
		return showFix(id, row, Repairs.formValues(read), repairs.problems(read), null, model);
	}

	@PostMapping("/import/{id}/rejected/{number}/fix")
	String fix(@PathVariable long id, @PathVariable int number, @RequestParam MultiValueMap<String, String> params,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		FormInput posted = FormInput.of(params);
		Map<String, String> values = posted.values();
		Repairs.Outcome outcome;
		try {
			outcome = repairs.fixRejected(id, number, posted.input(), Source.FORM);
		}
		catch (PipelineUnavailableException ex) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return showFix(id, rejected.find(id, number).orElseThrow(), values, Map.of(),
					"Not saved: " + ex.getMessage() + ". The row stays open; submit again.", model);
		}
		if (outcome instanceof Repairs.Outcome.Saved saved) {
			redirect.addFlashAttribute("receipt", saved.receipt());
			return "redirect:/campaigns/" + saved.receipt().stored().id();
		}
		if (outcome instanceof Repairs.Outcome.Invalid invalid) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showFix(id, rejected.find(id, number).orElseThrow(), values, invalid.errors(),
					"Please correct the highlighted fields. The row stays open until the fix is saved.", model);
		}
		if (outcome instanceof Repairs.Outcome.AlreadyResolved done) {
			return conflict(done.message(), model, response);
		}
		return notFound("No rejected row " + number + " in import " + id + ".", model, response);
	}

	private String showFix(long id, RejectedRows.Row row, Map<String, String> values, Map<String, String> errors,
			String notice, Model model) {
		model.addAttribute("fixing", new Fixing("Fix rejected row " + row.number() + " of import " + id, row.reason(),
				row.raw(), "/import/" + id + "/rejected/" + row.number() + "/fix"));
		return form.show(model, values, errors, notice);
	}

	private static String conflict(String message, Model model, HttpServletResponse response) {
		return ErrorPages.show(HttpServletResponse.SC_CONFLICT, message, model, response);
	}

	private static String notFound(String message, Model model, HttpServletResponse response) {
		return ErrorPages.show(HttpServletResponse.SC_NOT_FOUND, message, model, response);
	}

}
