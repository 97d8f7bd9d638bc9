package io.sightline.settings;

import io.sightline.security.AccountException;
import io.sightline.security.Accounts;
import io.sightline.security.UserPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Every signed-in user, viewers included: their own account, where they change their password. */
@Controller
class AccountPage {

    private final Accounts accounts;

    AccountPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/settings/account")
    ModelAndView account(@AuthenticationPrincipal UserPrincipal me) {
        return page(me, null, null);
    }

    @PostMapping("/settings/account/password")
    ModelAndView changePassword(
            @AuthenticationPrincipal UserPrincipal me,
            @RequestParam String currentPassword,
            @RequestParam String newPassword,
            @RequestParam String repeatPassword,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!newPassword.equals(repeatPassword)) {
            return page(me, null, "The two new passwords differ.");
        }
        try {
            accounts.changeOwnPassword(me, currentPassword, newPassword, request, response);
            return page(me, "Password changed. Your other sessions have ended.", null);
        } catch (AccountException e) {
            return page(me, null, e.getMessage());
        }
    }

    private static ModelAndView page(UserPrincipal me, String notice, String error) {
        ModelAndView page = new ModelAndView("settings/account");
        page.addObject("username", me.username());
        page.addObject("role", me.role().name().toLowerCase());
        page.addObject("notice", notice);
        page.addObject("error", error);
        return page;
    }
}
