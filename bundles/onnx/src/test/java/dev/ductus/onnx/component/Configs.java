package dev.ductus.onnx.component;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A component configuration as DS makes it: the given values by attribute name, the annotation's defaults otherwise. */
final class Configs {
    private Configs() {
    }

    static OnnxModelComponent.Config onnx(Map<String, Object> values) {
        return (OnnxModelComponent.Config) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[] {OnnxModelComponent.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) return OnnxModelComponent.Config.class;
                    String key = method.getName().replace('_', '.');
                    Object v = values.get(key);
                    return v != null ? v : method.getDefaultValue();
                });
    }
}
