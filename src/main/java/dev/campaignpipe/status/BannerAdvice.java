package dev.campaignpipe.status;

import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The one place pages get their banners from: every {@link ShowsBanners} controller's
 * model.
 */
@ControllerAdvice(annotations = ShowsBanners.class)
class BannerAdvice {

	private final Banners banners;

	BannerAdvice(Banners banners) {
		this.banners = banners;
	}

	@ModelAttribute("banners")
	List<Banner> banners() {
		return banners.current();
	}

}
