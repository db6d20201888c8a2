package dev.campaignpipe.entry;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;

/**
 * The error page (templates/error.html) with a status and a message saying what to do.
 */
final class ErrorPages {

	private ErrorPages() {
	}

	static String show(int status, String message, Model model, HttpServletResponse response) {
		response.setStatus(status);
		if (status != HttpServletResponse.SC_NOT_FOUND) {
			model.addAttribute("status", status);
		}
		model.addAttribute("message", message);
		return "error";
	}

}
