package dev.unravel.sim.world;

/**
 * A Korean or Chinese input language on a laptop, as Windows and macOS record it when its user adds
 * it: the keyboard layout id Windows preloads, the input method's profile under
 * {@code Control Panel\International\User Profile}, and the macOS input source.
 */
public enum InputLanguage {
    /** Microsoft IME (Korean); macOS's 2-Set Korean. */
    KOREAN("ko", "00000412", "0412:{A028AE76-01B1-46C2-99C4-ACD9858AE02F}{B5FE1F02-D5F2-4445-9C03-C568F23C99A1}",
            "com.apple.inputmethod.Korean", "com.apple.inputmethod.Korean.2SetKorean"),
    /** Microsoft Pinyin (Simplified Chinese, PRC); macOS's Pinyin – Simplified. */
    CHINESE_SIMPLIFIED("zh-Hans-CN", "00000804",
            "0804:{81D4E9C9-1D3B-41BC-9E6C-4B40BF79E35E}{FA550B04-5AD7-411F-A5AC-CA038EC515D7}",
            "com.apple.inputmethod.SCIM", "com.apple.inputmethod.SCIM.ITABC");

    /** The language tag Windows names the User Profile key after. */
    public final String tag;
    /** The keyboard layout id in {@code Keyboard Layout\Preload}. */
    public final String windowsLayout;
    /** The input method's value name under the tag's User Profile key. */
    public final String windowsInputMethod;
    public final String macBundleId;
    public final String macInputMode;

    InputLanguage(String tag, String windowsLayout, String windowsInputMethod, String macBundleId, String macInputMode) {
        this.tag = tag;
        this.windowsLayout = windowsLayout;
        this.windowsInputMethod = windowsInputMethod;
        this.macBundleId = macBundleId;
        this.macInputMode = macInputMode;
    }
}
