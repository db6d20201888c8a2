package dev.campaignpipe.dashboard;

import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.status.ShowsBanners;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The records explorer page (SPEC §13): a filter form with the configured category
 * values; the records themselves come from {@code GET /api/records}, read by the page's
 * script with the filters, order and page its URL holds.
 */
@Controller
@ShowsBanners
class RecordsPageController {

	private final Categories categories;

	RecordsPageController(Categories categories) {
		this.categories = categories;
	}

	@GetMapping("/records")
	String page(Model model) {
		List<CampaignField> fields = new ArrayList<>();
		fields.add(CampaignField.MARKETING_CHANNEL);
		fields.addAll(DashboardController.CATEGORY_FILTERS);
		model.addAttribute("categoryFilters",
				fields.stream()
					.map(field -> new DashboardController.CategoryFilter(field.key(), DashboardController.label(field),
							categories.values(field)))
					.toList());
		return "records";
	}

}
