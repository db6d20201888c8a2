package dev.campaignpipe.entry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.PipelineUnavailableException;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.status.CampaignLookup;
import dev.campaignpipe.status.ShowsBanners;
import dev.campaignpipe.trail.TrailLog;
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
 * The entry form (SPEC §10: {@code GET /}, {@code POST /}). Works without JavaScript:
 * invalid input comes back with the user's values and a message beside each bad field; a
 * valid one redirects to its confirmation, so reloading that page never submits twice.
 */
@Controller
@ShowsBanners
class EntryController {

	private final CampaignValidator validator;

	private final CampaignQueue queue;

	private final EntryForm form;

	private final CampaignLookup lookup;

	private final TrailLog trail;

	private final Clock clock;

	EntryController(CampaignValidator validator, CampaignQueue queue, EntryForm form, CampaignLookup lookup,
			TrailLog trail, Clock clock) {
		this.trail = trail;
		this.validator = validator;
		this.queue = queue;
		this.form = form;
		this.lookup = lookup;
		this.clock = clock;
	}

	@GetMapping("/")
	String form(Model model) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(CampaignField.DATE.key(), LocalDate.now(clock).toString());
		return showForm(model, values, Map.of(), null);
	}

	@PostMapping("/")
	String submit(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		FormInput posted = FormInput.of(params);
		Map<String, String> values = posted.values();
		Validation validation = validator.validate(posted.input(), DateInput.ISO);
		if (!validation.isValid()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showForm(model, values, validation.errorsByKey(), "Please correct the highlighted fields.");
		}
		try {
			Receipt receipt = queue.submit(validation.campaign(), Source.FORM);
			redirect.addFlashAttribute("receipt", receipt);
			return "redirect:/campaigns/" + receipt.stored().id();
		}
		catch (PipelineUnavailableException ex) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return showForm(model, values, Map.of(),
					"Not saved: " + ex.getMessage() + ". Your entries are kept below; submit again.");
		}
	}

	@GetMapping("/campaigns/{id}")
	String confirmation(@PathVariable long id, Model model, HttpServletResponse response) {
		Receipt receipt = (Receipt) model.getAttribute("receipt");
		// "saved" only on the page a save redirected to, never on a later visit
		model.addAttribute("justSaved", receipt != null);
		if (receipt == null) {
			receipt = lookup.find(id).orElse(null);
		}
		if (receipt == null) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("message", "No campaign with id " + id + ".");
			return "error";
		}
		model.addAttribute("receipt", receipt);
		model.addAttribute("record", receipt.stored());
		model.addAttribute("kpis", KpiDisplay.lines(receipt.stored()));
		model.addAttribute("trail", trail.of(id));
		model.addAttribute("fmt", new Formats());
		return "confirmation";
	}

	private String showForm(Model model, Map<String, String> values, Map<String, String> errors, String notice) {
		return form.show(model, values, errors, notice);
	}

	/** Formatting helpers the templates call. */
	static final class Formats {

		public String money(java.math.BigDecimal value) {
			return KpiDisplay.money(value);
		}

		public String count(long value) {
			return KpiDisplay.count(value);
		}

	}

}
